package org.stoa.vm.hub;

import java.util.Locale;

/** What an operation asks of spokes. All but {@link #CREATE} are immediate: assigned as they are sent. */
public enum OperationKind {
    LIST(false),
    CAPACITY(false),
    GET(true),
    DESTROY(true),
    START(true),
    STOP(true),
    CREATE(true);

    private final boolean aboutOneVm;

    OperationKind(boolean aboutOneVm) {
        this.aboutOneVm = aboutOneVm;
    }

    /** True when the operation names one VM, so only that VM's spoke (or, for a create, its future spoke) is concerned. */
    public boolean aboutOneVm() {
        return aboutOneVm;
    }

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OperationKind ofDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
