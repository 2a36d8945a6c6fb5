package org.stoa.itests.pax;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.CoreOptions.when;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.ProbeBuilder;
import org.ops4j.pax.exam.TestProbeBuilder;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Boots Stoa's own assembled distribution — the tar.gz operators unpack, with its private
 * PostgreSQL — once per test class, and gives the tests its console.
 *
 * <p>Everything the host knows (where the distribution and the example plugin were built, the
 * Maven repository) arrives as surefire system properties; see itests/pom.xml. Run with
 * {@code -Dstoa.paxexam.keep=true} to keep the unpacked Karaf (and its data/log/karaf.log) in
 * target/paxexam/unpack.
 */
public abstract class BootedDistribution {

    /** The embedded PostgreSQL starts in the background; a first initdb takes a while. */
    static final Duration STARTUP = Duration.ofSeconds(90);

    private static final long INJECTION_TIMEOUT_MS = 180_000;

    @Inject
    protected BundleContext bundleContext;

    @Inject
    @Filter(timeout = INJECTION_TIMEOUT_MS)
    protected SessionFactory sessionFactory;

    /** Injected only once the boot features are in, so nothing refreshes the test bundle under it. */
    @Inject
    @Filter(timeout = INJECTION_TIMEOUT_MS)
    protected BootFinished bootFinished;

    protected KarafShell shell;

    @Configuration
    public Option[] distribution() {
        File unpack = new File(hostProperty("stoa.paxexam.unpack"), "unpack");
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(hostProperty("stoa.distribution")).toURI().toString())
                        .name("Stoa")
                        .unpackDirectory(unpack)
                        .useDeployFolder(false),
                when(Boolean.getBoolean("stoa.paxexam.keep")).useOptions(keepRuntimeFolder()),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                // Ports of its own, so a developer's running Stoa (8101, 1099, 44444) does not clash.
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                // Pax Exam's own bundles come through Maven: the build's local repository, then Central only.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        hostProperty("stoa.maven.localRepository")),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories",
                        "https://repo1.maven.org/maven2@id=central"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort()),
                systemProperty("stoa.example.jar").value(hostProperty("stoa.example.jar")),
                systemProperty("stoa.sample.world").value(hostProperty("stoa.sample.world")),
                // The distribution's own level: a kept karaf.log then shows the boot's deployment steps.
                logLevel(LogLevel.INFO),
                vmOptions(java17Options(hostProperty("stoa.karaf.version"))));
    }

    /**
     * Pax Exam installs the test bundle as soon as its remote control is up, which is in the middle
     * of the boot features' deployment, and by default the bundle imports everything dynamically:
     * each package is wired the first time a test touches it. Once a CI run failed every test of a
     * class because such a late wiring of org.osgi.util.tracker was refused. The framework and Karaf
     * packages the tests use are imported up front instead, wired when the bundle resolves; JUnit's
     * and Pax Exam's stay dynamic, so they are wired to the same bundles as Pax Exam's test runner
     * (a static import may pick another JUnit, whose @Test the runner does not recognise).
     */
    @ProbeBuilder
    public TestProbeBuilder importUpFront(TestProbeBuilder probe) {
        probe.setHeader(Constants.IMPORT_PACKAGE, String.join(",",
                "org.osgi.framework", "org.osgi.util.tracker", "javax.inject",
                "org.apache.karaf.features", "org.apache.karaf.shell.api.console"));
        probe.setHeader(Constants.DYNAMICIMPORT_PACKAGE, "*");
        return probe;
    }

    /**
     * Pax Exam starts Karaf's main class itself rather than through bin/karaf, so it must pass what
     * bin/karaf passes on Java 9 and later: Karaf's XML spec locator patched into the JDK, the opened
     * packages, and the class path (relative to the Karaf folder, Pax Exam's working directory).
     */
    private static String[] java17Options(String karafVersion) {
        return new String[] {
            "-Xmx512m",
            "-Djdk.util.zip.disableZip64ExtraFieldValidation=true",
            "--add-reads=java.xml=java.logging",
            "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
            "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
            "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
            "--add-opens", "java.base/java.security=ALL-UNNAMED",
            "--add-opens", "java.base/java.net=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
            "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
            "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
            "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
            "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
            "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
            "-classpath", "lib/boot/*" + File.pathSeparator + "lib/jdk9plus/*",
        };
    }

    @Before
    public void awaitTheDatabase() throws Exception {
        awaitModuleSchema("stoa-db");
        shell = new KarafShell(sessionFactory);
        for (String command : new String[] {"migrate", "showmigrations", "version", "sql"}) {
            shell.awaitCommand("db", command, STARTUP);
        }
    }

    /**
     * Waits until stoa-db has migrated {@code module} and published its schema: the moment that
     * module's components may use the database.
     */
    protected void awaitModuleSchema(String module) throws InterruptedException, InvalidSyntaxException {
        org.osgi.framework.Filter schema = bundleContext.createFilter(
                "(&(objectClass=org.stoa.db.ModuleSchema)(stoa.module=" + module + "))");
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(bundleContext, schema, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(STARTUP.toMillis()) == null) {
                fail("module " + module + " was not migrated within " + STARTUP.toSeconds() + " s; "
                        + "see data/log/karaf.log (run with -Dstoa.paxexam.keep=true to keep it)");
            }
        } finally {
            tracker.close();
        }
    }

    private static String hostProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run through Maven (itests/pom.xml)");
        }
        return value;
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
