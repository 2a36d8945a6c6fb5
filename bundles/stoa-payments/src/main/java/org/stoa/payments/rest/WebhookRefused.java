package org.stoa.payments.rest;

/** A webhook request that is not acted on: a bad signature or a body that is not an event. Nothing is stored. */
final class WebhookRefused extends Exception {

    private static final long serialVersionUID = 1L;

    WebhookRefused(String message) {
        super(message);
    }
}
