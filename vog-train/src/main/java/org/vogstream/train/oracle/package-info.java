/** VoG by PyTorch autograd through DJL: the independent check of the compiler, and the baseline it is measured against. */
package org.vogstream.train.oracle;
