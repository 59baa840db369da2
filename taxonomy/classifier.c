/* classifier.c - placeholder until the taxonomy stage lands */
#include "classifier.h"

void rsk_classification_init(rsk_classification *r) { r->tags = NULL; r->regulations = NULL; }
void rsk_classification_clear(rsk_classification *r) { (void)r; }
void rsk_classify(const rsk_taxonomy *t, const rsk_filing *f, const rsk_risk_factor *k, rsk_classification *r)
{ (void)t; (void)f; (void)k; (void)r; }
