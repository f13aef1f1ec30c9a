"""The two CRF baselines and what they share: ``anercorp`` (trained on ANERcorp, shipped as a
model file), ``lodo`` (trained by the harness, leave one document out) and ``features``."""
