/** SSH server settings every dialect gives the guest, as shell code run by root in the guest. */

/** Where every connection through SLIRP comes from: the action's, the person's on a debug hold, a scanner's. */
export const SLIRP_GATEWAY = '10.0.2.2';
/** Debian's and RHEL's sshd_config open with an Include of this directory, and the first value of a keyword wins. */
const SSHD_DROP_INS = '/etc/ssh/sshd_config.d';
export const PENALTY_EXEMPTION_FILE = `${SSHD_DROP_INS}/00-solstice-slirp.conf`;
const EXEMPTION_LINE = `PerSourcePenaltyExemptList ${SLIRP_GATEWAY}`;

/** True (exit 0) when `sshd` (a shell word) knows PerSourcePenaltyExemptList: it echoes it back under -G. */
const knowsExemption = (sshd: string) =>
  `${sshd} -G -f /dev/null -o ${EXEMPTION_LINE.replace(' ', '=')} 2>/dev/null | grep -qx '${EXEMPTION_LINE.toLowerCase()}'`;

/**
 * OpenSSH 9.8 and later refuse every new connection from a source that piled up 15 s of penalties
 * (failed logins 5 s each, connections closed before authenticating 1 s). Through SLIRP that one source
 * is everybody: four failed logins of a stranger at a debug port locked the actor out for 18 s. So the
 * gateway is exempt wherever sshd knows the option, and only there: sshd itself must echo it back under
 * `-G` (9.2 has no -G, 9.3–9.7 reject the keyword, and an sshd_config with an unknown keyword would stop
 * sshd from starting). For systems whose sshd_config includes the drop-in directory (Debian, RHEL).
 */
export const EXEMPT_SLIRP_GATEWAY = `if ${knowsExemption('/usr/sbin/sshd')}; then mkdir -p ${SSHD_DROP_INS} && echo '${EXEMPTION_LINE}' > ${PENALTY_EXEMPTION_FILE}; fi`;

/**
 * The same for any OpenSSH install: sshd found where OpenBSD, illumos and Linux keep it; the drop-in
 * directory where sshd_config includes it, else the line put first in sshd_config (a line appended
 * after a Match block would belong to it).
 */
export const EXEMPT_SLIRP_GATEWAY_ANYWHERE = [
  'solstice_sshd=',
  'for solstice_path in /usr/sbin/sshd /usr/lib/ssh/sshd /usr/local/sbin/sshd; do',
  '  if [ -x "$solstice_path" ]; then solstice_sshd=$solstice_path; break; fi',
  'done',
  `if [ -n "$solstice_sshd" ] && ${knowsExemption('"$solstice_sshd"')}; then`,
  `  if grep -Eqi '^[[:space:]]*Include[[:space:]]+${SSHD_DROP_INS}/' /etc/ssh/sshd_config; then`,
  `    mkdir -p ${SSHD_DROP_INS} && echo '${EXEMPTION_LINE}' > ${PENALTY_EXEMPTION_FILE}`,
  "  elif ! grep -qi '^[[:space:]]*PerSourcePenaltyExemptList' /etc/ssh/sshd_config; then",
  `    { echo '${EXEMPTION_LINE}'; cat /etc/ssh/sshd_config; } > /etc/ssh/sshd_config.solstice &&`,
  '      cat /etc/ssh/sshd_config.solstice > /etc/ssh/sshd_config && rm -f /etc/ssh/sshd_config.solstice',
  '  fi',
  'fi',
].join('\n');
