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
