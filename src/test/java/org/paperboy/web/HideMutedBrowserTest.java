package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.paperboy.community.Role;
import org.paperboy.community.User;
import org.paperboy.foryou.Follows;

/**
 * The account page's list setting in a real browser: ticking "hide papers by muted authors" and
 * saving leaves the muted author's papers off the reader's day list, which says so and links back
 * to the setting; unticking brings them back. Both pages pass axe.
 */
class HideMutedBrowserTest {

  @TempDir static Path dir;
  private static BrowserSite site;
  private static String axe;

  @BeforeAll
  static void start() throws IOException {
    site = BrowserSite.start(dir);
    axe = BrowserSite.axeSource();
  }

  @AfterAll
  static void stop() {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void the_setting_hides_a_muted_authors_papers_on_the_list_and_brings_them_back()
      throws IOException {
    User reader = site.signIn("muter@example.org", Role.READER);
    String top = site.order().get(0);
    String author = site.paperboy.catalog().find(top).orElseThrow().authors().get(0).name();
    site.paperboy.community().forYou().follows().mute(reader, Follows.MuteKind.AUTHOR, author);
    site.open("/");
    assertThat(site.order()).contains(top);

    site.open(Routes.ACCOUNT);
    var box = site.browser.findElement(By.cssSelector("#lists input[name=hide_muted]"));
    assertThat(box.isSelected()).isFalse();
    box.click();
    site.clickAndWait(
        site.browser.findElement(By.cssSelector("#lists button[type=submit]")),
        By.cssSelector("#lists input[name=hide_muted][checked]"));
    assertThat(site.browser.getCurrentUrl()).endsWith(Routes.ACCOUNT + "#lists");
    assertThat(site.axe(axe)).as("account page").isEmpty();

    site.open("/");
    site.await(d -> !d.findElements(By.cssSelector(".muted-note")).isEmpty());
    assertThat(site.order()).isNotEmpty().doesNotContain(top);
    assertThat(site.browser.findElement(By.cssSelector(".muted-note")).getText())
        .contains("hidden by your mutes");
    assertThat(site.axe(axe)).as("list with papers hidden").isEmpty();

    site.clickAndWait(
        site.browser.findElement(By.linkText("Show muted papers")), By.id("account-heading"));
    site.browser.findElement(By.cssSelector("#lists input[name=hide_muted]")).click();
    site.clickAndWait(
        site.browser.findElement(By.cssSelector("#lists button[type=submit]")),
        By.cssSelector("#lists input[name=hide_muted]:not([checked])"));
    site.open("/");
    assertThat(site.order()).contains(top);
    assertThat(site.browser.findElements(By.cssSelector(".muted-note"))).isEmpty();
  }
}
