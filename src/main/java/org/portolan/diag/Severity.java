package org.portolan.diag;

public enum Severity { ERROR, WARNING, INFO }
