package org.stoa.vm.console.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * The console's pages from FreeMarker templates in this bundle. HTML output format with
 * auto-escaping everywhere: a value reaches the page escaped unless a template says otherwise
 * (none does).
 */
final class Templates {

    private final Configuration freemarker;

    Templates() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setTemplateLoader(new ClassTemplateLoader(Templates.class, "/templates"));
        freemarker.setOutputFormat(HTMLOutputFormat.INSTANCE);
        freemarker.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocale(Locale.ROOT);
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    String render(String page, Map<String, Object> model) throws IOException {
        StringWriter out = new StringWriter();
        try {
            freemarker.getTemplate(page + ".ftlh").process(model, out);
        } catch (TemplateException e) {
            throw new IOException("template " + page + ": " + e.getMessage(), e);
        }
        return out.toString();
    }
}
