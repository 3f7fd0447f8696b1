/**
 * The ID document judgment of the back office (issue 5, ADR 0016): read the machine-readable zone
 * of a passport (TD3) or identity card (TD1, TD2) per ICAO Doc 9303 with every check digit, correct
 * OCR confusions with the help of the field types and the check digits, compare the zone with what
 * the user entered (names with ICAO transliteration, birth date, nationality, document number),
 * refuse expired documents, and propose a result the operator confirms or overrides.
 *
 * <p>{@link org.trademap.server.checks.document.DocumentJudge} is the façade; {@link
 * org.trademap.server.checks.document.MrzParser} and {@link
 * org.trademap.server.checks.document.MrzCorrector} work on text alone; {@link
 * org.trademap.server.checks.document.TextRecognizer} is the OCR engine (Tesseract, run on a
 * bounded pool of its own threads). Nothing here writes personal data to the log.
 */
@NullMarked
package org.trademap.server.checks.document;

import org.jspecify.annotations.NullMarked;
