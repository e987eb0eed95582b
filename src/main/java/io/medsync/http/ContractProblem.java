package io.medsync.http;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Describes a JSON binding problem by field path only: Jackson's own messages may quote the value (PHI). Used for
 * partner answers (read in {@link PartnerCallRoutes}) and for items a source reads one by one.
 */
public final class ContractProblem {

    private ContractProblem() {
    }

    public static String describe(IOException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                }
            }
            return "field '" + path + "' has the wrong type";
        }
        return e.getClass().getSimpleName();
    }
}
