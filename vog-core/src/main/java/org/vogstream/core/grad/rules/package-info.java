/** One gradient rule per ONNX op family; each differentiates with respect to its float inputs. */
package org.vogstream.core.grad.rules;
