package dev.orgmfa.keycloak.admin.json;

/** The answer of {@code POST /reminders}: reminders sent, and members due one who got none. */
public record RemindersJson(int sent, int skipped) {}
