package org.trademap.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What the figures were measured on.
 *
 * @param cores processors the JVM sees
 * @param jdk version and vendor of the running JDK
 * @param os operating system, version and architecture
 * @param maxHeapBytes the JVM's maximum heap
 */
record Machine(int cores, String jdk, String os, long maxHeapBytes) {

  static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
        System.getProperty("os.name", "?")
            + " "
            + System.getProperty("os.version", "?")
            + " "
            + System.getProperty("os.arch", "?"),
        Runtime.getRuntime().maxMemory());
  }

  /** The machine's physical memory in bytes; 0 if the JVM does not tell. */
  static long physicalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "%d cores, JDK %s, %s, max heap %,d MB",
        cores,
        jdk,
        os,
        maxHeapBytes / (1024 * 1024));
  }
}
