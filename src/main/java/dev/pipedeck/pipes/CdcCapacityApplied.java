package dev.pipedeck.pipes;

/** How applying a CDC capacity ended: the flash line (before → after) when applied, or the page to show again. */
public record CdcCapacityApplied(String summary, CdcCapacityPage page) {

    public boolean applied() {
        return page == null;
    }
}
