# shellcheck shell=bash disable=SC2034  # sets variables for the scripts that source it
# Finds a JDK of at least a given major version. Sourced by bin/trademap and .ci/run.
#
# Order: $JAVA_HOME/bin/java, then `java` on PATH, then the newest JDK found as <dir>/*/bin/java
# for each dir in TRADEMAP_JDK_SEARCH (colon-separated; default /usr/lib/jvm:/opt:/usr/local).
# A candidate counts only if it is a JDK (its java.home has bin/javac), since the first run builds.

# Prints "<major> <full version> <java.home>" for a java launcher; returns 1 if it cannot tell.
trademap_java_info() {
  local java=$1 out major version home
  [[ -f $java && -x $java ]] || return 1
  out=$("$java" -XshowSettings:properties -version 2>&1) || out=""
  major=$(sed -n 's/^ *java\.specification\.version = *//p' <<<"$out" | head -n 1)
  version=$(sed -n 's/^ *java\.version = *//p' <<<"$out" | head -n 1)
  home=$(sed -n 's/^ *java\.home = *//p' <<<"$out" | head -n 1)
  if [[ -z $major ]]; then
    # A launcher that does not know -XshowSettings: fall back to the `java -version` banner.
    out=$("$java" -version 2>&1) || return 1
    version=$(sed -n 's/.* version "\([^"]*\)".*/\1/p' <<<"$out" | head -n 1)
    major=$version
  fi
  major=${major#1.}          # 1.8 -> 8
  major=${major%%[!0-9]*}    # 25.0.3, 25-ea -> 25
  [[ -n $major ]] || return 1
  if [[ -z $home ]]; then
    home=$(cd "$(dirname "$java")/.." && pwd -P) || return 1
  fi
  printf '%s %s %s\n' "$major" "${version:-$major}" "$home"
}

# On success sets TRADEMAP_JAVA_HOME, TRADEMAP_JAVA_VERSION and returns 0.
# On failure returns 1 and leaves in TRADEMAP_JDK_LOOKED a description of what was looked at.
trademap_find_jdk() {
  local min=${1:-25} info major version home java dir best_version="" best_home="" seen=":"
  local -a dirs looked=()
  TRADEMAP_JAVA_HOME=""
  TRADEMAP_JAVA_VERSION=""

  _trademap_accept() { # major version home -> 0 if it is a JDK >= min
    [[ $1 -ge $min && -x $3/bin/java && -x $3/bin/javac ]]
  }

  if [[ -n ${JAVA_HOME:-} ]]; then
    if info=$(trademap_java_info "$JAVA_HOME/bin/java"); then
      read -r major version home <<<"$info"
      looked+=("JAVA_HOME=$JAVA_HOME (Java $major)")
      if _trademap_accept "$major" "$version" "$home"; then
        TRADEMAP_JAVA_HOME=$home TRADEMAP_JAVA_VERSION=$version
        return 0
      fi
    else
      looked+=("JAVA_HOME=$JAVA_HOME (no java there)")
    fi
  else
    looked+=("JAVA_HOME (not set)")
  fi

  if java=$(command -v java 2>/dev/null) && info=$(trademap_java_info "$java"); then
    read -r major version home <<<"$info"
    looked+=("java on PATH: $java (Java $major)")
    if _trademap_accept "$major" "$version" "$home"; then
      TRADEMAP_JAVA_HOME=$home TRADEMAP_JAVA_VERSION=$version
      return 0
    fi
  else
    looked+=("java on PATH (none)")
  fi

  IFS=: read -r -a dirs <<<"${TRADEMAP_JDK_SEARCH-/usr/lib/jvm:/opt:/usr/local}"
  for dir in "${dirs[@]}"; do
    [[ -n $dir ]] || continue
    looked+=("$dir/*/bin/java")
    for java in "$dir"/*/bin/java; do
      [[ -f $java ]] || continue
      info=$(trademap_java_info "$java") || continue
      read -r major version home <<<"$info"
      [[ $seen == *":$home:"* ]] && continue
      seen="$seen$home:"
      _trademap_accept "$major" "$version" "$home" || continue
      if [[ -z $best_home ]] ||
        [[ $(printf '%s\n%s\n' "$best_version" "$version" | sort -V | tail -n 1) == "$version" &&
          $version != "$best_version" ]]; then
        best_version=$version best_home=$home
      fi
    done
  done
  if [[ -n $best_home ]]; then
    TRADEMAP_JAVA_HOME=$best_home TRADEMAP_JAVA_VERSION=$best_version
    return 0
  fi

  local IFS=';'
  TRADEMAP_JDK_LOOKED="${looked[*]}"
  TRADEMAP_JDK_LOOKED=${TRADEMAP_JDK_LOOKED//;/; }
  return 1
}

# The message both scripts print when no JDK is found.
trademap_no_jdk_message() {
  printf 'TradeMap needs a JDK %s or newer, none was found (looked at %s). ' \
    "${1:-25}" "$TRADEMAP_JDK_LOOKED"
  printf 'Install one, e.g. Temurin %s, and set JAVA_HOME.\n' "${1:-25}"
}
