package org.sistercities.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff dashboard in headless Chromium, against the whole platform through the gateway: what staff do
 * every day, and what a country representative may not. Every view is saved as a screenshot under
 * {@code target/screenshots/} (docs/dashboard.md shows a selection).
 */
@ExtendWith(Platform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    private static Browser browser;

    /** A failed test leaves a picture of what the browser showed (taken before {@code @AfterEach} logs out). */
    @RegisterExtension
    static final AfterTestExecutionCallback SCREENSHOT_ON_FAILURE = context -> {
        if (browser != null && context.getExecutionException().isPresent()) {
            browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
        }
    };

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open(Platform.stack().gatewayUrl());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noScriptErrorsAndNoPolicyViolations() {
        assertThat(browser.consoleErrors()).isEmpty();
        browser.resize(Browser.DESKTOP);
        browser.logOut();
    }

    private static void logInAsAdmin() {
        browser.logIn(Platform.stack().adminUsername(), Platform.stack().adminPassword());
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedWithTheProblemAndTheRightOneOpensTheOverview() {
        browser.go("");
        browser.waitFor("#login-username").sendKeys(Platform.stack().adminUsername());
        browser.find("#login-password").sendKeys("not the password");
        browser.find("#login-form button[type=submit]").click();
        assertThat(browser.text("#login-error .problem strong")).isNotBlank();
        browser.screenshot("login");

        logInAsAdmin();
        browser.settled();
        assertThat(browser.text("#view h1")).isEqualTo("Overview");
        assertThat(browser.all("#nav [data-nav]")).extracting(WebElement::getText)
                .containsExactly("Overview", "Partnerships", "Outreach cases", "Policy library", "Broadcasts", "Subscribers", "Admin");
    }

    @Test
    @Order(2)
    void theOverviewChartsPartnershipsByCountryAndStatusAndShowsDeliveryHealth() {
        Seed.communityPartneredWith("Overview Falls", Map.of("Reykjavik", "IS", "Kyoto", "JP", "Lyon", "FR"));
        logInAsAdmin();
        browser.settled();
        browser.until(d -> !browser.all("#view svg.chart rect").isEmpty());
        long total = Platform.admin().get("/api/v1/partnerships/statistics").expect(200).json().path("total").asLong();
        assertThat(Long.parseLong(browser.text("[data-kpi=total]"))).isEqualTo(total);
        assertThat(browser.all("#view svg.chart text")).extracting(WebElement::getText).contains("IS", "JP", "FR");
        assertThat(browser.all("#view section h2")).extracting(WebElement::getText)
                .contains("Status changes over time (by effective date)", "Open outreach cases", "Delivery health");
        assertThat(browser.all("#view .problem")).isEmpty();
        browser.screenshot("overview");

        browser.resize(Browser.TABLET);
        browser.go("#/overview");
        browser.settled();
        browser.until(d -> !browser.all("#view svg.chart rect").isEmpty());
        assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).isLessThanOrEqualTo(0L);
        browser.screenshot("overview-tablet");
    }

    @Test
    @Order(3)
    void filteringPartnershipsByCountryAndTextShowsOnlyTheMatchingRows() {
        Map<String, String> partners = new LinkedHashMap<>();
        partners.put("Nara", "JP");
        partners.put("Sendai", "JP");
        partners.put("Tartu", "EE");
        Seed.Community community = Seed.communityPartneredWith("Filterton", partners);
        logInAsAdmin();
        browser.find("[data-nav=partnerships]").click();
        browser.settled();
        browser.find("input[name=q]").sendKeys(community.name());
        browser.find("input[name=country]").sendKeys("jp");
        new Select(browser.find("select[name=sort]")).selectByValue("partnerCity");
        browser.find("form.filters button[type=submit]").click();
        browser.until(d -> d.getCurrentUrl().contains("country=JP"));
        browser.settled();
        List<String> cities = browser.all("#view tbody tr td:nth-child(3)").stream().map(WebElement::getText).toList();
        assertThat(cities).containsExactly("Nara", "Sendai");
        browser.screenshot("partnerships");

        browser.driver().navigate().refresh();
        browser.settled();
        assertThat(browser.find("input[name=country]").getAttribute("value")).isEqualTo("JP");
        assertThat(browser.all("#view tbody tr")).hasSize(2);
    }

    @Test
    @Order(4)
    void suspendingAPartnershipOffersOnlyAllowedMovesNamesThePoliciesAndOpensAnOutreachCase() {
        Seed.appointRussiaRepresentative();
        Seed.Partnership partnership = Seed.communityPartneredWith("Dashboard Springs", "Murmansk").partnership("Murmansk");
        logInAsAdmin();
        browser.go("#/partnerships/" + partnership.id());
        browser.settled();
        Select to = new Select(browser.waitFor("[data-form=status-change] select[name=to]"));
        assertThat(to.getOptions()).extracting(WebElement::getText).containsExactly("Choose…", "Under review", "Suspended", "Terminated");
        to.selectByValue("SUSPENDED");
        new Select(browser.find("select[name=reasonCategory]")).selectByValue("POLITICAL");
        browser.until(d -> browser.all("[data-policy]").size() == 2);
        assertThat(browser.all("[data-policy]")).extracting(e -> e.getAttribute("data-policy"))
                .containsExactly("ceo-statement-russia-2022-03-01", "political-suspension-policy");
        browser.find("textarea[name=reason]").sendKeys("Suspended by council vote pending review of the exchange programme");
        browser.find("input[name=decidingBody]").sendKeys("City Council");
        browser.find("input[name=decisionReference]").sendKeys("Resolution 2026-" + (Instant.now().getEpochSecond() % 1000));
        browser.find("[data-form=status-change] button[type=submit]").click();

        browser.until(d -> browser.find("[data-field=status]").getText().equals("Suspended")
                || !browser.all("[data-form=status-change] .problem").isEmpty());
        assertThat(browser.all("[data-form=status-change] .problem")).extracting(WebElement::getText).isEmpty();
        assertThat(browser.find("[data-field=status]").getText()).isEqualTo("Suspended");
        browser.until(d -> !browser.all("[data-history=SUSPENDED]").isEmpty());
        // The case opens asynchronously (Kafka → notifications-service); the page looks again by itself.
        browser.until(d -> !browser.all("[data-case]").isEmpty(), (int) Platform.EVENTUALLY.toSeconds());
        assertThat(Platform.admin().get("/api/v1/partnerships/" + partnership.id()).expect(200).json().path("status").asText())
                .isEqualTo("SUSPENDED");
        browser.screenshot("partnership-detail");

        String caseId = browser.find("[data-case]").getAttribute("data-case");
        browser.go("#/outreach/" + caseId);
        browser.settled();
        assertThat(browser.text("#view")).contains("Murmansk", Seed.RU_REPRESENTATIVE);
        browser.screenshot("outreach-case");
        browser.go("#/outreach");
        browser.settled();
        assertThat(browser.all("#view tbody a")).extracting(WebElement::getText).contains(partnership.community() + " – Murmansk");
        browser.screenshot("outreach");
    }

    @Test
    @Order(5)
    void publishingADraftFromThePolicyLibraryMakesItTheCurrentVersion() {
        String slug = "dashboard-exchange-policy-" + Instant.now().toEpochMilli();
        Platform.admin().post("/api/v1/policies", Map.of("slug", slug, "title", "Youth Exchange Safeguarding Policy",
                "summary", "How member communities keep exchange participants safe.", "owner", "Programs",
                "body", "# Youth Exchange Safeguarding Policy\n\nEvery exchange names a safeguarding lead.", "tags", List.of("exchanges"),
                // Narrow on purpose: once published it must not join the outreach other test classes check.
                "appliesTo", Map.of("statuses", List.of("TERMINATED"), "reasonCategories", List.of(), "countries", List.of("MN"))))
                .expect(201);
        logInAsAdmin();
        browser.go("#/policies");
        browser.settled();
        browser.driver().findElement(By.linkText("Youth Exchange Safeguarding Policy")).click();
        browser.settled();
        assertThat(browser.text("[data-version-status='1']")).isEqualTo("Draft");
        browser.find("[data-publish='1']").click();
        browser.until(d -> browser.find("[data-version-status='1']").getText().equals("Published"));
        assertThat(Platform.admin().get("/api/v1/policies/" + slug).expect(200).json().path("current").path("number").asInt()).isEqualTo(1);
        browser.driver().findElement(By.xpath("//button[text()='Preview PDF v1']")).click();
        browser.waitFor("iframe.pdf");
        browser.screenshot("policy");
        browser.go("#/policies");
        browser.settled();
        browser.screenshot("policies");
    }

    @Test
    @Order(6)
    void aBroadcastIsComposedWithALiveRecipientCountSentAndFollowedUntilComplete() {
        Map<String, String> partners = new LinkedHashMap<>();
        partners.put("Akureyri", "IS");
        partners.put("Hafnarfjordur", "IS");
        Seed.communityPartneredWith("Broadcast Harbor", partners);
        int expected = Platform.admin().post("/api/v1/broadcasts/audience-preview", Map.of("audience", Map.of("countries", List.of("IS"))))
                .expect(200).json().path("recipients").asInt();
        assertThat(expected).isGreaterThanOrEqualTo(4);
        String subject = "Iceland partners: summer round table " + Instant.now().toEpochMilli();

        logInAsAdmin();
        browser.go("#/broadcasts/new");
        browser.settled();
        browser.find("input[name=subject]").sendKeys(subject);
        browser.find("textarea[name=bodyMarkdown]").sendKeys("# Summer round table\n\nDear partners, **join us** on 1 July.\n\n- agenda\n- travel");
        assertThat(browser.text(".preview h1")).isEqualTo("Summer round table");
        browser.find("input[name=countries]").sendKeys("IS");
        browser.until(d -> browser.find("[data-recipients]").getText().startsWith(expected + " recipients"));
        browser.driver().findElement(By.cssSelector("input[name=attachments][value=political-suspension-policy]")).click();
        browser.screenshot("broadcast-compose");
        browser.find("form.compose button[type=submit]").click();

        browser.until(d -> browser.all("[data-broadcast-status=COMPLETED]").size() == 1, (int) Platform.EVENTUALLY.toSeconds());
        assertThat(browser.text("#view label[for=b-progress]")).startsWith(expected + " of " + expected + " sent, 0 failed");
        assertThat(Mailbox.withSubject(subject)).hasSize(expected);
        browser.screenshot("broadcast-progress");
        browser.go("#/broadcasts");
        browser.settled();
        assertThat(browser.all("#view tbody a")).extracting(WebElement::getText).contains(subject);
        browser.screenshot("broadcasts");
    }

    @Test
    @Order(7)
    void aNewApiKeyIsShownOnceAndWorks() {
        logInAsAdmin();
        browser.find("[data-nav=admin]").click();
        browser.settled();
        String name = "Sister city of Nara sync " + Instant.now().toEpochMilli();
        browser.find("[data-form=api-key] input[name=name]").sendKeys(name);
        browser.find("[data-form=api-key] input[name=owner]").sendKeys("Nara committee");
        new Select(browser.find("[data-form=api-key] select[name=role]")).selectByValue("viewer");
        browser.find("[data-form=api-key] button[type=submit]").click();
        String key = browser.text("[data-secret]");
        assertThat(key).startsWith("sci_").hasSize(44);
        assertThat(Platform.gateway().withKey(key).get("/auth/me").expect(200).json().path("role").asText()).isEqualTo("viewer");
        browser.until(d -> browser.text("#view table").contains(name));
        browser.screenshot("admin-api-keys");

        browser.driver().navigate().refresh();
        browser.settled();
        assertThat(browser.all("[data-secret]")).isEmpty();
        assertThat(browser.text("#view table")).contains(name).doesNotContain(key);
        browser.go("#/admin/staff");
        browser.settled();
        browser.screenshot("admin-staff");
    }

    @Test
    @Order(8)
    void anApiErrorIsShownAsTheProblemsTitleAndDetail() {
        Map<String, Object> tooShort = Map.of("username", "short-password-" + Instant.now().toEpochMilli(), "password", "short",
                "role", "viewer", "countries", List.of());
        JsonNode problem = Platform.admin().post("/api/v1/admin/staff", tooShort).expect(400).json();
        logInAsAdmin();
        browser.go("#/admin/staff");
        browser.settled();
        browser.find("[data-form=staff] input[name=username]").sendKeys(tooShort.get("username").toString() + "x");
        browser.find("[data-form=staff] input[name=password]").sendKeys("short");
        new Select(browser.find("[data-form=staff] select[name=role]")).selectByValue("viewer");
        browser.find("[data-form=staff] button[type=submit]").click();
        assertThat(browser.text("[data-form=staff] .problem strong")).isEqualTo(problem.path("title").asText());
        assertThat(browser.text("[data-form=staff] .problem p")).isEqualTo(problem.path("detail").asText());
        browser.screenshot("api-error");
    }

    @Test
    @Order(9)
    void aCountryRepresentativeIsNotOfferedAdminAndTheApiRefusesItWhenTyped() {
        // A Russian case of its own, so that this test does not depend on another one's.
        Seed.appointRussiaRepresentative();
        Seed.Partnership pskov = Seed.communityPartneredWith("Rep Valley", "Pskov").partnership("Pskov");
        Platform.admin().post("/api/v1/partnerships/" + pskov.id() + "/status-changes", Seed.statusChange("UNDER_REVIEW", "POLITICAL"))
                .expect(201);
        await().atMost(Platform.EVENTUALLY).until(() -> Platform.admin()
                .get("/api/v1/outreach/cases?partnershipId=" + pskov.id()).expect(200).json().path("items").size() == 1);
        String username = "rep-ru-" + Instant.now().toEpochMilli();
        String password = "correct-horse-" + Instant.now().toEpochMilli();
        Platform.admin().post("/api/v1/admin/staff", Map.of("username", username, "password", password, "role", "country-rep",
                "countries", List.of("RU"))).expect(201);
        browser.logIn(username, password);
        browser.settled();
        assertThat(browser.all("#nav [data-nav]")).extracting(WebElement::getText)
                .containsExactly("Overview", "Partnerships", "Outreach cases", "Policy library", "Broadcasts");
        browser.screenshot("country-rep-overview");

        browser.go("#/admin/api-keys");
        browser.settled();
        // The page shows the gateway's own refusal, word for word.
        var refusal = Api.login(Platform.stack().gatewayUrl(), username, password).get("/api/v1/admin/api-keys").expect(403).json();
        assertThat(browser.text("#view .problem strong")).isEqualTo(refusal.path("title").asText());
        assertThat(browser.text("#view .problem p")).isEqualTo(refusal.path("detail").asText())
                .isEqualTo("Only hq-admin may use the administration API");
        assertThat(browser.all("#view table")).isEmpty();
        assertThat(browser.all("#view form")).isEmpty();
        browser.screenshot("country-rep-admin-refused");

        browser.go("#/outreach?status=ALL");
        browser.settled();
        assertThat(browser.all("[aria-labelledby=o-queue] tbody tr td:nth-child(2)")).extracting(WebElement::getText).isNotEmpty().containsOnly("RU");
    }

    @Test
    @Order(10)
    void theSubscribersViewListsWebhookEndpointsAndEmailSubscriptions() {
        logInAsAdmin();
        browser.find("[data-nav=subscribers]").click();
        browser.settled();
        assertThat(browser.all("#view section h2")).extracting(WebElement::getText).containsExactly("Webhook endpoints", "Email subscriptions");
        assertThat(browser.all("#view .problem")).isEmpty();
        browser.screenshot("subscribers");
    }
}
