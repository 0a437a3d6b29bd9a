/**
 * A MicroProfile JWT application used as the baseline that the JWT benchmark compares Portcullis
 * with, on the same server.
 */
package dev.portcullis.bench.mpjwt;
