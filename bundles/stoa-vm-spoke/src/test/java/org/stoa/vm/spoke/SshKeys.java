package org.stoa.vm.spoke;

/** Real public keys (made with ssh-keygen for these tests; the private halves were thrown away). */
public final class SshKeys {

    public static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEYR8PVM2w+wg+Cb9bGiZikVQmEYh3aSvp5Ac4nAEAhO alice@example.org";
    public static final String ECDSA_WITH_ODD_COMMENT = "ecdsa-sha2-nistp256 "
            + "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBE8xSIw74m0AsNl55791vHv2igxYg3hVMS57GqMYvxRYQEnD"
            + "KiYh/2GLznyZnv2Yiv0KdjAGE9bzeOrn3psauEw= bob: laptop #2";
    public static final String RSA_WITHOUT_COMMENT = "ssh-rsa "
            + "AAAAB3NzaC1yc2EAAAADAQABAAABAQCfLPLb3N3lb7+xZ7hh3wQEy6XP+R7DsXZLyM1AWUWc6TAshrfl17dInFwuoQjSaRIR79ywiX"
            + "NIjZByLvn5j7owc07Fpv24iP8fUeN8wDrzIVJsO/MDPtN/c/lw/v1Im0eff0d2QIswWSnfJ3OWgR+LOoRxkZObAbdOBi9sRde0egVfE"
            + "pMOKp0QgpICW5WBwMRUQc6alM1dknmiy5WKWqsZledvNUR5xP2ea1YxTqT4P75K9wTdCN8oqsq988XQNpduUPIJakjepmQT8eWIvVP9"
            + "y1pTl3QJNkdY+TN+PQHjXTAjUeuzm2O741O+sDRQX16q28konzqWuWvBONIYsJmh";

    private SshKeys() {
    }
}
