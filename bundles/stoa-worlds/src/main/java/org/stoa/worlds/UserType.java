package org.stoa.worlds;

import java.util.Arrays;

/** What kind of account a user is; only a person satisfies a trait rule with no clauses. */
public enum UserType {
    PERSON("person"),
    /** A screen in a venue, logged in to show rooms rather than to take part. */
    KIOSK("kiosk"),
    /** A guest who joined by link without an identity. */
    ANON("anon");

    private final String dbValue;

    UserType(String dbValue) {
        this.dbValue = dbValue;
    }

    /** The value stored in the database and used by venueless. */
    public String dbValue() {
        return dbValue;
    }

    /** @throws IllegalArgumentException when the value names no type */
    public static UserType fromDb(String value) {
        return Arrays.stream(values())
                .filter(type -> type.dbValue.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown user type: " + value));
    }
}
