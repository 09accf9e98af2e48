"""Business-case economics: NPV, XNPV, IRR, XIRR, MIRR, ROI, payback, BCR, PI."""
