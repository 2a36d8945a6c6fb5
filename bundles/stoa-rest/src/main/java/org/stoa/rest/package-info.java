/**
 * What Stoa's JAX-RS applications share, whichever bundle they live in: reading an
 * {@code Authorization: Bearer} header, and the JSON mapping request bodies are read with.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.stoa.rest;
