/**
 * One gradient rule per ONNX op family, each differentiating with respect to its float inputs, and
 * {@link org.vogstream.core.grad.rules.StandardRules}, the table op type → rule the compiler uses.
 */
package org.vogstream.core.grad.rules;
