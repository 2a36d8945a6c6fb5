package org.stoa.vm.hub.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.vm.hub.Host;
import org.stoa.vm.hub.HubException;

/**
 * While this process is the hub, calls every spoke's heartbeat every few seconds and marks
 * those that answer online; a spoke that stops answering falls offline when its last
 * heartbeat leaves the window. A spoke configured in this same process is registered on
 * the way, so hub and spoke together need no spoke:add.
 */
@Component(immediate = true, configurationPid = "org.stoa.hub")
public class Heartbeats {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
    private static final String SPOKE_PID = "org.stoa.spoke";
    /** The spoke's token, kept apart in a 0600 file as the private property ".token". */
    private static final String SPOKE_TOKEN_PID = "org.stoa.spoke.token";

    private final VmHub hub;
    private final SpokeClients spokes;
    private final ConfigurationAdmin configs;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "stoa-hub-heartbeats"));

    @Activate
    public Heartbeats(@Reference VmHub hub, @Reference ConfigurationAdmin configs, HubConfiguration config) {
        this.hub = hub;
        this.spokes = new SpokeClients(hub);
        this.configs = configs;
        beats.scheduleWithFixedDelay(this::beat, 0, config.heartbeatIntervalSeconds(), TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        beats.shutdownNow();
    }

    private void beat() {
        try {
            List<Host> hosts = hub.hosts();
            if (registerLocalSpoke(hosts)) {
                hosts = hub.hosts();
            }
            for (Host host : hosts) {
                try {
                    spokes.of(host).heartbeat();
                    hub.heartbeat(host.id());
                } catch (HubException e) {
                    LOG.debug("no heartbeat from spoke {}: {}", host.id(), e.getMessage());
                }
            }
        } catch (HubException | RuntimeException e) {
            LOG.warn("heartbeat round failed: {}", e.getMessage());
        }
    }

    /** The spoke of this process, when it is enabled and has a token, as a host of the hub; true when registered now. */
    private boolean registerLocalSpoke(List<Host> hosts) throws HubException {
        Dictionary<String, Object> spoke = configuration(SPOKE_PID);
        Dictionary<String, Object> secret = configuration(SPOKE_TOKEN_PID);
        Object token = secret == null ? null : secret.get(".token");
        if (spoke == null || "false".equals(String.valueOf(spoke.get("enabled"))) || token == null
                || String.valueOf(token).isBlank()) {
            return false;
        }
        String id = String.valueOf(valueOr(spoke, "host_id", "local"));
        if (hosts.stream().anyMatch(h -> h.id().equals(id))) {
            return false;
        }
        hub.registerHost(id, String.valueOf(valueOr(spoke, "spoke_url", "http://127.0.0.1:8181")),
                String.valueOf(token));
        LOG.info("registered this process's spoke {} with the hub", id);
        return true;
    }

    private Dictionary<String, Object> configuration(String pid) {
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + pid + ")");
            return found == null ? null : found[0].getProperties();
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            return null;
        }
    }

    private static Object valueOr(Dictionary<String, Object> properties, String key, Object fallback) {
        Object value = properties.get(key);
        return value == null ? fallback : value;
    }
}
