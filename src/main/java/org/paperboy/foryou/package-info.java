/**
 * For you: a reader's profile (what they upvoted and saved, as clusters of paper vectors, with what
 * they wrote as interests), their follows and mutes, and the personal feed ranked from them with a
 * reason per paper. {@link org.paperboy.foryou.Taste} is the profile the digest's picks use too;
 * {@link org.paperboy.foryou.ForYou} ranks the last days' papers for one reader, and a digest
 * period's candidates for a subscriber with an account, by the same rules; {@link
 * org.paperboy.foryou.Follows} keeps what a reader follows, muted and wrote. May import {@code
 * community} (for its refusals), {@code paper}, {@code search} and {@code store}.
 */
package org.paperboy.foryou;
