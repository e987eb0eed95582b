package io.medsync.sandbox.nextgen;

import java.util.List;
import java.util.Map;

/**
 * The sandbox's stand-in for NextGen's patient portal login and consent screen: a patient id field and Allow / Deny
 * buttons that post back to the authorize endpoint with the original request's parameters.
 */
final class LoginPage {

    private LoginPage() {
    }

    /** {@code patientIds}: the sandbox's synthetic patients, listed (ids only) so a demo user has one to type. */
    static String render(String action, Map<String, String> fields, String error, List<String> patientIds) {
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>NextGen Patient Portal (sandbox)</title></head><body>")
                .append("<h1>NextGen Patient Portal (sandbox)</h1>")
                .append("<p>An application asks to read your health records: medications, prescribers and ")
                .append("demographics.</p>");
        if (error != null) {
            html.append("<p role=\"alert\" class=\"error\">").append(escape(error)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"").append(escape(action)).append("\">");
        fields.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        html.append("<label>Patient id <input name=\"patient_id\" required autofocus></label> ")
                .append("<button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button> ")
                .append("<button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button>")
                .append("</form><p>Sandbox patient ids:</p><ul>");
        patientIds.forEach(id -> html.append("<li><code>").append(escape(id)).append("</code></li>"));
        html.append("</ul></body></html>");
        return html.toString();
    }

    static String errorPage(String message) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Authorization error</title>"
                + "</head><body><h1>Authorization error</h1><p>" + escape(message) + "</p></body></html>";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
