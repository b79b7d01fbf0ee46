//go:build !unix

package markdown

const nonBlocking = 0
