package org.paperboy.ingest;

import java.time.Instant;

/**
 * What one OAI-PMH response says besides its records.
 *
 * @param resumptionToken the token that asks for the next page, or null when the list is complete
 * @param completeListSize the size of the whole list when the server said, else null
 * @param cursor the position of this page's first record in the list when the server said, else
 *     null
 * @param responseDate when the server answered, or null when it did not say
 * @param records the number of {@code <record>} elements on the page, deleted ones included
 */
record OaiPage(
    String resumptionToken,
    Long completeListSize,
    Long cursor,
    Instant responseDate,
    int records) {}
