/** Placeholder package documentation; see docs/ for the design. */
package org.ventifs.cache;
