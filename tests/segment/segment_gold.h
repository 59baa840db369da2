/* segment_gold.h - read and segment a PDF, score its headings against gold
 *
 * Shared by the segment tests on real filings and on generated layouts
 * (test_segment_files.c, test_layouts.c).
 *
 * SPDX-License-Identifier: MIT
 */
#pragma once

#include "filing.h"
#include "score.h"

/* Reads and segments PATH (fails the test when it cannot be read). Free
 * with rsk_filing_free(). */
rsk_filing *segment_file(const char *path);

/* Scores FILING's risk-factor headings against the gold file GOLD_PATH
 * into COUNTS (fails the test when the gold file cannot be loaded). */
void score_headings(const rsk_filing *filing, const char *gold_path,
                    rsk_eval_heading_counts *counts);

/* A CMocka group teardown: releases cairo's and fontconfig's caches so
 * leak checkers stay quiet. */
int release_font_caches(void **state);
