package markdown

// SplitFrontMatter splits a playbook file into its front matter block (the
// `---` lines included) and the markdown after it. Lines may end in CRLF.
// Without a closed block at the top, front is empty and body is all of src.
func SplitFrontMatter(src []byte) (front, body []byte) {
	_, _, at, found, closed := splitFrontMatter(src)
	if !found || !closed {
		return nil, src
	}
	return src[:at], src[at:]
}

// FrontMatterYAML is the YAML inside a front matter block at the top of
// src (without the `---` lines) and the markdown after the block; ok is
// false when src has no closed block at the top. Lines may end in CRLF.
func FrontMatterYAML(src []byte) (yaml, body []byte, ok bool) {
	fm, _, at, found, closed := splitFrontMatter(src)
	if !found || !closed {
		return nil, src, false
	}
	return fm, src[at:], true
}
