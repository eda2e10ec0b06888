package dev.agentingress.emulator.agentingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.agentingress.emulator.support.ApiIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Filtered lists and export read an account a batch at a time: what they answer must not depend on where the batches
 * end, and a filtered list must not hold a pooled connection while it evaluates.
 */
class BigAccountIntegrationTests extends ApiIntegrationTest {

    private static final String CONTROL = "/_emulator/agent_ingresses";

    @Autowired
    private DataSource dataSource;

    @Test
    void exportOfManyBatchesIsEveryIngressExactlyAsTheListPagesShowIt() {
        importIngresses(130, i -> Map.of("domain", uniqueDomain(), "description", "n" + i));
        JsonPath first = JsonPath.from(api().get("/agent_ingresses").then().statusCode(200).extract().asString());
        String firstPage = api().get("/agent_ingresses").asString();
        String secondPage = api().get(first.getString("next_page_uri")).then().statusCode(200).extract().asString();

        String exported = api().get(CONTROL).then().statusCode(200).extract().asString();

        assertThat(exported).isEqualTo("{\"ingresses\":[" + items(firstPage) + "," + items(secondPage)
                + "],\"next_page_uri\":null,\"uri\":\"" + first.getString("uri") + "\"}");
    }

    @Test
    void filterFindsEveryMatchWhereverTheBatchesEnd() {
        importIngresses(230, i -> Map.of("domain", uniqueDomain(), "description", i % 7 == 0 ? "hit" : "miss"));
        List<String> expected = JsonPath.from(api().get(CONTROL).asString()).getList("ingresses.findAll { "
                + "it.description == 'hit' }.id", String.class);

        List<String> seen = new ArrayList<>();
        String next = "/agent_ingresses?limit=9&filter=obj.description%20%3D%3D%20%22hit%22";
        while (next != null) {
            JsonPath page = JsonPath.from(api().urlEncodingEnabled(false).get(next).then().statusCode(200).extract()
                    .asString());
            seen.addAll(page.getList("ingresses.id", String.class));
            next = page.getString("next_page_uri");
        }

        assertThat(expected).hasSize(33);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aFilteredListHoldsNoConnectionWhileItEvaluates() throws Exception {
        String metadata = "x".repeat(2000);
        importIngresses(1500, i -> Map.of("domain", uniqueDomain(), "metadata", metadata));
        // matches nothing, and costs each row 60 scans of its metadata; size() keeps it out of the database, which
        // decides the filters it can translate within one query (and so with a connection)
        String filter = IntStream.range(0, 60)
                .mapToObj(i -> "(size(obj.metadata) > 1 && obj.metadata.contains(\"y" + i + "\"))")
                .collect(Collectors.joining(" || "));
        HikariPoolMXBean pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();

        CompletableFuture<Integer> list = CompletableFuture.supplyAsync(
                () -> api().queryParam("filter", filter).get("/agent_ingresses").statusCode());
        int samples = 0;
        int holding = 0;
        while (!list.isDone()) {
            samples++;
            holding += pool.getActiveConnections() > 0 ? 1 : 0;
            TimeUnit.MILLISECONDS.sleep(2);
        }

        // 400 when this machine is too slow for the default budget: the list still ran until then
        assertThat(list.get()).isIn(200, 400);
        assertThat(samples).isGreaterThan(20);
        assertThat(holding).as("samples with a connection out of %d", samples).isLessThan(samples / 2);
    }

    /** Imports {@code count} ingresses, in bodies of 300 items so that each stays under the 1 MiB limit. */
    private void importIngresses(int count, IntFunction<Map<String, String>> item) {
        for (int from = 0; from < count; from += 300) {
            List<Map<String, String>> items =
                    IntStream.range(from, Math.min(count, from + 300)).mapToObj(item).toList();
            api().contentType(ContentType.JSON).body(Map.of("ingresses", items))
                    .post(CONTROL).then().statusCode(200).body("imported", equalTo(items.size()));
        }
    }

    /** The items of a list response, as the text between its brackets. */
    private static String items(String listJson) {
        return listJson.substring("{\"ingresses\":[".length(), listJson.lastIndexOf("],\"next_page_uri\""));
    }
}
