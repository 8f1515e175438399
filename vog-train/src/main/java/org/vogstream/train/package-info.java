/** Training classifiers with DJL's PyTorch engine and saving every epoch as an ONNX checkpoint. */
package org.vogstream.train;
