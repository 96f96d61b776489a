/**
 * Lists: what a day's, week's or month's list and the trending view contain, in which order, with
 * which counts (imported plus the community's), without the entries curators hid; and the {@link
 * org.paperboy.lists.Period} every view names its days by. Pages, the JSON API, the feeds and the
 * digest all read lists through {@link org.paperboy.lists.Lists}. May import {@code paper}, {@code
 * community} and {@code trending}.
 */
package org.paperboy.lists;
