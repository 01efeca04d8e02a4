// VS Code turns "[label](command:…)" (or https:, file:) in a notification's text into a link
// that runs the command when clicked. A notification's text often carries what others wrote:
// a group name, a message preview, a shared path (members), an error sentence (the server).
// None of it may become such a link: "](" becomes "] (", which VS Code's pattern never matches.
export function unlinked(text: string): string {
  return text.replaceAll('](', '] (');
}
