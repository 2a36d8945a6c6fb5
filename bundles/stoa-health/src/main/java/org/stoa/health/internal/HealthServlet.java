package org.stoa.health.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.stoa.db.Database;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.Migrations;
import org.stoa.db.ModuleStatus;

/**
 * {@code GET /health} for load balancers: 200 when the database answers and every module's
 * schema is current, else 503; the JSON body says why, and whether this process holds the hub
 * lock (the hub's VmHosting service exists only there).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.name=stoa-health",
        "osgi.http.whiteboard.servlet.pattern=/health" })
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The hub's service, present only in the process that holds the hub lock. */
    private static final String HUB_SERVICE = "org.stoa.vm.hub.VmHosting";

    @Reference
    private transient Database database;

    @Reference
    private transient Migrations migrations;

    /** Asked by name: a spoke-only node has no stoa-vm-hub, and this bundle must start there too. */
    private volatile transient BundleContext context;

    @Activate
    void activate(BundleContext bundleContext) {
        this.context = bundleContext;
    }

    private boolean holdsHubLock() {
        return context.getServiceReference(HUB_SERVICE) != null;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> problems = new ArrayList<>();
        String databaseState = databaseState(problems);
        Map<String, String> schemas = problems.isEmpty() ? schemas(problems) : Map.of();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", problems.isEmpty() ? "up" : "down");
        answer.put("database", databaseState);
        answer.put("schemas", schemas);
        answer.put("hub", holdsHubLock());
        if (!problems.isEmpty()) {
            answer.put("reason", String.join("; ", problems));
        }
        response.setStatus(problems.isEmpty() ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(JSON.writeValueAsBytes(answer));
    }

    private String databaseState(List<String> problems) {
        try (Connection c = database.connect()) {
            if (c.isValid(5)) {
                return "up";
            }
            problems.add("the database does not answer");
        } catch (DatabaseUnavailableException e) {
            problems.add(e.getMessage());
        } catch (SQLException e) {
            problems.add("database unavailable: " + e.getMessage());
        }
        return "down";
    }

    /** Each module's schema version; a module with pending migrations or a refused schema is a problem. */
    private Map<String, String> schemas(List<String> problems) {
        Map<String, String> modules = new LinkedHashMap<>();
        try {
            for (ModuleStatus module : migrations.status()) {
                modules.put(module.module(), module.version().orElse(""));
                module.problem().ifPresent(p -> problems.add(module.module() + ": " + p));
                if (module.problem().isEmpty() && module.pending() > 0) {
                    problems.add(module.module() + ": " + module.pending() + " migrations pending");
                }
            }
        } catch (DatabaseUnavailableException e) {
            problems.add(e.getMessage());
        }
        return modules;
    }
}
