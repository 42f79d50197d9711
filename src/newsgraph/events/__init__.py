"""Events: who did what to whom, coded in PLOVER and CAMEO, with modality, date, place and evidence."""
