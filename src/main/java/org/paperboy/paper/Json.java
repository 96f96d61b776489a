package org.paperboy.paper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Paperboy's one Jackson configuration, shared by everything that writes or reads JSON: the
 * catalog's JSON columns, the importers' readers, the embedding model's tokenizer file, collection
 * exports and the web API. It lives in {@code paper} because every package that uses JSON may
 * import {@code paper}.
 *
 * <p>Jackson's defaults, except that a property without a value is left out rather than written as
 * {@code null} (as Hugging Face's API does, whose shapes the web API copies). A document that must
 * show a missing value as {@code null} builds a tree ({@code ObjectNode}), whose nulls are written
 * as they are. Never reconfigure the mapper; for a per-use feature derive an {@code ObjectReader}
 * or {@code ObjectWriter} from it (pretty printing, failing on trailing tokens).
 */
public final class Json {

  /** The mapper; thread-safe. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();

  private Json() {}
}
