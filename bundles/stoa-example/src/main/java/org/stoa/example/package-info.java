/** The example plugin's API: its note book, the notes in it and the one error it reports. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stoa.example;
