// Placeholder until this feature lands; replaced by its owner.
export function MembersScreen() {
  return null;
}
