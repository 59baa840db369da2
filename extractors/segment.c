/* segment.c - placeholder until the segmentation stage lands */
#include "segment.h"

void rsk_segment(rsk_filing *filing) { rsk_filing_flag(filing, "no_risk_section"); }
