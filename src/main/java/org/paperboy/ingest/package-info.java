/**
 * Getting papers in: one streaming reader per real format, format detection from content, the
 * batching importer with its progress and summary, and the arXiv harvester (OAI-PMH and the arXiv
 * API over HTTP). May import {@code paper} and {@code config}.
 */
package org.paperboy.ingest;
