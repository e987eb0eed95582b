package io.medsync.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Limits of the application's JSON reader, for request bodies and partner answers alike: nesting deeper than
 * {@value #MAX_NESTING_DEPTH} levels and duplicate keys are refused (a 400 for a request, see {@link ClientErrors}).
 * No document medsync reads (NexHealth, NovaMed, FHIR resources, ops bodies) comes near that depth; a duplicate key
 * would leave which value counts to the parser.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    public static final int MAX_NESTING_DEPTH = 64;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
