package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  record Doc(String title, String doi, List<String> tags) {}

  @Test
  void a_property_without_a_value_is_left_out_but_a_tree_keeps_its_nulls() throws Exception {
    assertThat(Json.MAPPER.writeValueAsString(new Doc("T", null, List.of())))
        .isEqualTo("{\"title\":\"T\",\"tags\":[]}");
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("doi", null);
    map.put("id", "1");
    assertThat(Json.MAPPER.writeValueAsString(map)).isEqualTo("{\"id\":\"1\"}");
    ObjectNode tree = Json.MAPPER.createObjectNode().put("doi", (String) null).put("id", "1");
    assertThat(Json.MAPPER.writeValueAsString(tree)).isEqualTo("{\"doi\":null,\"id\":\"1\"}");
  }
}
