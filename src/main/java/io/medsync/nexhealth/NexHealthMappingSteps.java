package io.medsync.nexhealth;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;

import io.medsync.pipeline.Delivery;
import io.medsync.pipeline.MedsyncExchange;

/** Route steps that apply the NexHealth mappers to the record in flight. */
@ApplicationScoped
public class NexHealthMappingSteps {

    private final NexHealthProviderMapper providerMapper;
    private final NexHealthPatientMapper patientMapper;

    NexHealthMappingSteps(NexHealthProviderMapper providerMapper, NexHealthPatientMapper patientMapper) {
        this.providerMapper = providerMapper;
        this.patientMapper = patientMapper;
    }

    public void providerToPractitioner(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        exchange.getMessage().setBody(delivery.withCommand(
                providerMapper.map(delivery.sourceAs(NexHealthProvider.class), delivery.tenant().mappingDefaults())));
    }

    public void patientToNovaMedPatient(Exchange exchange) {
        Delivery delivery = MedsyncExchange.delivery(exchange);
        exchange.getMessage().setBody(delivery.withCommand(
                patientMapper.map(delivery.sourceAs(NexHealthPatient.class), delivery.tenant().mappingDefaults())));
    }
}
