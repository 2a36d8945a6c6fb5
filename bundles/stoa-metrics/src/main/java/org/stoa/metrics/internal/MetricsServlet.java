package org.stoa.metrics.internal;

import java.io.IOException;
import java.io.OutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} in the Prometheus text format (0.0.4), written by the Prometheus client's
 * own writer. The registry is this component's, not the library's static default, so a restart of
 * the bundle starts clean. Any bundle adds series by registering a {@link MultiCollector} or
 * {@link Collector} service (the whiteboard); they are asked at each scrape.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
        "osgi.http.whiteboard.servlet.name=stoa-metrics",
        "osgi.http.whiteboard.servlet.pattern=/metrics" })
@Designate(ocd = MetricsConfiguration.class)
public class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServlet.class);

    private final transient PrometheusRegistry registry = new PrometheusRegistry();
    private final transient PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private volatile transient AllowedAddresses allowed = AllowedAddresses.parse("");

    @Activate
    void activate(MetricsConfiguration config) {
        JvmMetrics.builder().register(registry);
        modified(config);
    }

    @Modified
    void modified(MetricsConfiguration config) {
        try {
            allowed = AllowedAddresses.parse(config.allow());
        } catch (IllegalArgumentException e) {
            // A typo must not open the endpoint: nobody may scrape until the setting is fixed.
            allowed = AllowedAddresses.parse("");
            LOG.error("etc/{}.cfg: allow: {}; /metrics refuses every client until it is fixed",
                    MetricsConfiguration.PID, e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMultiCollector(MultiCollector collector) {
        try {
            registry.register(collector);
        } catch (IllegalArgumentException e) {
            LOG.error("metrics of {} left out: {}", collector.getClass().getName(), e.getMessage());
        }
    }

    void removeMultiCollector(MultiCollector collector) {
        registry.unregister(collector);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCollector(Collector collector) {
        try {
            registry.register(collector);
        } catch (IllegalArgumentException e) {
            LOG.error("metrics of {} left out: {}", collector.getClass().getName(), e.getMessage());
        }
    }

    void removeCollector(Collector collector) {
        registry.unregister(collector);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed.allows(request.getRemoteAddr())) {
            response.sendError(403, "metrics are not served to " + request.getRemoteAddr()
                    + " (etc/" + MetricsConfiguration.PID + ".cfg: allow)");
            return;
        }
        response.setStatus(200);
        response.setContentType(writer.getContentType());
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            writer.write(out, registry.scrape());
        }
    }
}
