package io.medsync.novamed.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.medsync.ledger.LedgerException;
import io.medsync.novamed.NovaMedClient;
import io.medsync.novamed.NovaMedSettings;
import io.medsync.tenant.Tenant;
import io.medsync.tenant.TenantRegistry;

/**
 * Registers our receiver URL ({@code medsync.novamed.webhook.url}) with NovaMed for every tenant's clinic and
 * remembers the webhook id NovaMed gave (table novamed_webhook), so a restart does not register it again and an
 * operator can unregister it. A failure is logged and left for the next start: it must not keep the app down.
 */
@ApplicationScoped
public class NovaMedWebhookRegistrar {

    private static final Logger LOG = Logger.getLogger(NovaMedWebhookRegistrar.class);

    /** A registration as remembered. */
    public record Registration(String tenantId, String clinicId, String url, String webhookId) {
    }

    private final NovaMedClient client;
    private final NovaMedSettings settings;
    private final TenantRegistry tenants;
    private final DataSource dataSource;

    NovaMedWebhookRegistrar(NovaMedClient client, NovaMedSettings settings, TenantRegistry tenants,
            DataSource dataSource) {
        this.client = client;
        this.settings = settings;
        this.tenants = tenants;
        this.dataSource = dataSource;
    }

    /** Registers the configured URL for each tenant not registered with it yet; nothing without a URL. */
    public void registerAll() {
        String url = settings.webhook().url().filter(u -> !u.isBlank()).orElse(null);
        if (url == null) {
            return;
        }
        for (Tenant tenant : tenants.all()) {
            try {
                register(tenant, url);
            } catch (RuntimeException e) {
                LOG.warnf("NovaMed webhook not registered for tenant %s (clinic %s): %s", tenant.id(),
                        tenant.novaMedClinicId(), e.getMessage());
            }
        }
    }

    /** @return the registration now in force (the remembered one when it is for {@code url} already) */
    public Registration register(Tenant tenant, String url) {
        Optional<Registration> known = find(tenant);
        if (known.isPresent() && known.get().url().equals(url)
                && known.get().clinicId().equals(tenant.novaMedClinicId())) {
            return known.get();
        }
        // The URL or clinic changed: the old registration would keep delivering to the old URL.
        known.ifPresent(old -> unregister(tenant));
        // Tenants sharing a clinic share its registration: a second one would deliver every event twice.
        Optional<String> shared = webhookIdFor(tenant.novaMedClinicId(), url);
        String webhookId = shared.isPresent() ? shared.get() : client.registerWebhook(tenant, url);
        Registration registration = new Registration(tenant.id(), tenant.novaMedClinicId(), url, webhookId);
        remember(registration);
        LOG.infof("NovaMed webhook %s registered for tenant %s (clinic %s)", webhookId, tenant.id(),
                tenant.novaMedClinicId());
        return registration;
    }

    /**
     * Unregisters the tenant's webhook (at NovaMed only when no other tenant of the clinic still uses it); empty when
     * none was registered. NovaMed's 404 counts as gone.
     */
    public Optional<Registration> unregister(Tenant tenant) {
        Optional<Registration> known = find(tenant);
        known.ifPresent(registration -> {
            if (sharers(registration.webhookId()) == 1) {
                client.deleteWebhook(tenant, registration.webhookId());
            }
            forget(tenant);
            LOG.infof("NovaMed webhook %s unregistered for tenant %s", registration.webhookId(), tenant.id());
        });
        return known;
    }

    public Optional<Registration> find(Tenant tenant) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select clinic_id, webhook_url, webhook_id from"
                        + " novamed_webhook where tenant_id = ?")) {
            ps.setString(1, tenant.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Registration(tenant.id(), rs.getString(1), rs.getString(2),
                        rs.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the NovaMed webhook registrations", e);
        }
    }

    private Optional<String> webhookIdFor(String clinicId, String url) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select webhook_id from novamed_webhook where clinic_id = ?"
                        + " and webhook_url = ?")) {
            ps.setString(1, clinicId);
            ps.setString(2, url);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the NovaMed webhook registrations", e);
        }
    }

    /** How many tenants use the registration {@code webhookId}. */
    private int sharers(String webhookId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from novamed_webhook where webhook_id = ?")) {
            ps.setString(1, webhookId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new LedgerException("cannot read the NovaMed webhook registrations", e);
        }
    }

    private void remember(Registration r) {
        forget(tenants.get(r.tenantId()));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into novamed_webhook (tenant_id, clinic_id,"
                        + " webhook_url, webhook_id, registered_at) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, r.tenantId());
            ps.setString(2, r.clinicId());
            ps.setString(3, r.url());
            ps.setString(4, r.webhookId());
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot remember NovaMed webhook " + r.webhookId(), e);
        }
    }

    private void forget(Tenant tenant) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from novamed_webhook where tenant_id = ?")) {
            ps.setString(1, tenant.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("cannot forget the NovaMed webhook of tenant " + tenant.id(), e);
        }
    }
}
