package dev.glint.rewrite;

/** The part of a mail a link was found in. */
public enum MailPart {
    HTML,
    TEXT
}
