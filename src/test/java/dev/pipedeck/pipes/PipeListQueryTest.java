package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/** The list's URL parameters: parsed leniently, written back minimally, so links stay short and bookmarkable. */
class PipeListQueryTest {

    @Test
    void parametersAreReadLenientlyAndDefaultsStayOutOfLinks() {
        PipeListQuery query = PipeListQuery.parse("  orders ", "internalerror", "OBJECTSTORAGE", "Updated", null, "2");

        assertThat(query.text()).isEqualTo("orders");
        assertThat(query.state()).isEqualTo(ClickPipeState.INTERNAL_ERROR);
        assertThat(query.kind()).isEqualTo(PipeSource.Kind.OBJECT_STORAGE);
        assertThat(query.sort()).isEqualTo(PipeListSort.UPDATED);
        assertThat(query.descending()).as("newest first by default").isTrue();
        assertThat(query.notices()).isEmpty();
        assertThat(query.toPage(3)).isEqualTo("?q=orders&state=InternalError&kind=objectStorage&sort=updated&page=3");
        assertThat(query.cleared()).isEqualTo("?sort=updated");
        assertThat(PipeListQuery.parse(null, null, null, null, null, null).toPage(1)).isEmpty();
    }

    @Test
    void searchTextIsEncodedSoPlusAndAmpersandSurvive() {
        PipeListQuery query = PipeListQuery.parse("a+b & c=d", null, null, null, null, null);

        assertThat(query.toPage(1)).isEqualTo("?q=a%2Bb+%26+c%3Dd");
    }

    @Test
    void overlongTextIsCutAndSaidSo() {
        PipeListQuery query = PipeListQuery.parse("x".repeat(500), null, null, null, null, "0");

        assertThat(query.text()).hasSize(PipeListQuery.LONGEST_TEXT);
        assertThat(query.page()).isEqualTo(1);
        assertThat(query.notices()).singleElement().asString().contains("cut");
    }

    @Test
    void pageLinksShowTheEndsAndTheNeighbourhoodWithGaps() {
        assertThat(new PipeListPage(List.of(), 1000, 1000, 1, 10).pageLinks()).containsExactly(1, 2, 3, 0, 10);
        assertThat(new PipeListPage(List.of(), 1000, 1000, 6, 10).pageLinks()).containsExactly(1, 0, 4, 5, 6, 7, 8,
                0, 10);
        assertThat(new PipeListPage(List.of(), 50, 50, 1, 1).pageLinks()).isEmpty();
    }

    @Test
    void updatedTimesReadAsAPersonWouldSayThem() {
        Instant now = Instant.parse("2026-05-20T12:00:00Z");

        assertThat(PipeSummary.ago(now.minusSeconds(20), now)).isEqualTo("just now");
        assertThat(PipeSummary.ago(now.minus(Duration.ofMinutes(5)), now)).isEqualTo("5 min ago");
        assertThat(PipeSummary.ago(now.minus(Duration.ofHours(3)), now)).isEqualTo("3 h ago");
        assertThat(PipeSummary.ago(now.minus(Duration.ofHours(30)), now)).isEqualTo("1 day ago");
        assertThat(PipeSummary.ago(now.minus(Duration.ofDays(12)), now)).isEqualTo("12 days ago");
        assertThat(PipeSummary.ago(Instant.parse("2026-01-02T08:00:00Z"), now)).isEqualTo("2026-01-02");
        assertThat(PipeSummary.ago(now.plusSeconds(30), now)).as("a clock slightly ahead").isEqualTo("just now");
    }
}
