package org.stoa.worlds.internal.config;

/** A link an exhibitor shows, as its text and target. */
public record ExhibitorLink(String displayText, String url) {
}
