<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
  <context>
    <name>AboutDialog</name>
    <message>
      <source>About cedre-desk</source>
      <translation>À propos de cedre-desk</translation>
    </message>
    <message>
      <source>The register of CEDRE and CEDRE ISO 9001 certifications.</source>
      <translation>Le registre des certifications CEDRE et CEDRE ISO 9001.</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Copier</translation>
    </message>
    <message>
      <source>Open the &amp;log folder</source>
      <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
      <source>(a register on a server)</source>
      <translation>(un registre sur un serveur)</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Built</source>
      <translation>Construit le</translation>
    </message>
    <message>
      <source>Register</source>
      <translation>Registre</translation>
    </message>
    <message>
      <source>Backups</source>
      <translation>Copies de sauvegarde</translation>
    </message>
    <message>
      <source>Logs</source>
      <translation>Journaux</translation>
    </message>
  </context>
  <context>
    <name>AgendaPane</name>
    <message>
      <source>File</source>
      <translation>Dossier</translation>
    </message>
    <message>
      <source>Audit</source>
      <translation>Audit</translation>
    </message>
    <message>
      <source>Held on</source>
      <translation>Réalisé le</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <source>Referential</source>
      <translation>Référentiel</translation>
    </message>
    <message>
      <source>NCm</source>
      <translation>NCm</translation>
    </message>
    <message>
      <source>NCM</source>
      <translation>NCM</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Décision</translation>
    </message>
    <message>
      <source>Valid until</source>
      <translation>Valable jusqu'au</translation>
    </message>
    <message>
      <source>{name} (group)</source>
      <translation>{name} (groupe)</translation>
    </message>
    <message>
      <source>sent</source>
      <translation>envoyé</translation>
    </message>
    <message>
      <source>not sent yet</source>
      <translation>pas encore envoyé</translation>
    </message>
    <message>
      <source>carried over</source>
      <translation>reporté</translation>
    </message>
    <message>
      <source>No session chosen.</source>
      <translation>Aucune session choisie.</translation>
    </message>
    <message>
      <source>Agenda of {date} — reading…</source>
      <translation>Ordre du jour du {date} — lecture…</translation>
    </message>
    <message>
      <source>&lt;b&gt;Agenda of {date}&lt;/b&gt;{where}: {ready} file(s) ready, {decided} decided, {total} in all</source>
      <translation>&lt;b&gt;Ordre du jour du {date}&lt;/b&gt;{where} : {ready} dossier(s) prêt(s), {decided} décidé(s), {total} en tout</translation>
    </message>
  </context>
  <context>
    <name>AnswersModel</name>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Question</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Cible</translation>
    </message>
    <message>
      <source>Comment</source>
      <translation>Commentaire</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>Preuves</translation>
    </message>
  </context>
  <context>
    <name>AssessmentListModel</name>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Company or group</source>
      <translation>Structure ou groupe</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Review</source>
      <translation>Relecture</translation>
    </message>
    <message>
      <source>Answers</source>
      <translation>Réponses</translation>
    </message>
  </context>
  <context>
    <name>AssessmentPage</name>
    <message>
      <source>Not reviewed</source>
      <translation>Non relue</translation>
    </message>
    <message>
      <source>Third party</source>
      <translation>Tiers</translation>
    </message>
    <message>
      <source>Peer</source>
      <translation>Pair</translation>
    </message>
    <message>
      <source>e.g. regional delegation, trainer</source>
      <translation>ex. délégation régionale, formateur</translation>
    </message>
    <message>
      <source>Assessment completed</source>
      <translation>Auto-évaluation terminée</translation>
    </message>
    <message>
      <source>Company or group</source>
      <translation>Structure ou groupe</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Participants</source>
      <translation>Participants</translation>
    </message>
    <message>
      <source>Reviewed by</source>
      <translation>Relue par</translation>
    </message>
    <message>
      <source>Save (even half-done)</source>
      <translation>Enregistrer (même inachevée)</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>Enregistré.</translation>
    </message>
    <message>
      <source>Target: {level}. Below it: {action}</source>
      <translation>Cible : {level}. En dessous : {action}</translation>
    </message>
  </context>
  <context>
    <name>AuditEditor</name>
    <message>
      <source>Audit</source>
      <translation>Audit</translation>
    </message>
    <message>
      <source>New audit</source>
      <translation>Nouvel audit</translation>
    </message>
    <message>
      <source> day(s)</source>
      <translation> jour(s)</translation>
    </message>
    <message>
      <source>planned</source>
      <translation>prévu le</translation>
    </message>
    <message>
      <source>from</source>
      <translation>du</translation>
    </message>
    <message>
      <source>to</source>
      <translation>au</translation>
    </message>
    <message>
      <source>Company or group</source>
      <translation>Structure ou groupe</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Dates</source>
      <translation>Dates</translation>
    </message>
    <message>
      <source>Duration</source>
      <translation>Durée</translation>
    </message>
    <message>
      <source>Auditors (lead first)</source>
      <translation>Auditeurs (le responsable en premier)</translation>
    </message>
    <message>
      <source>Referential version</source>
      <translation>Version du référentiel</translation>
    </message>
    <message>
      <source>ISO 9001 version</source>
      <translation>Version ISO 9001</translation>
    </message>
    <message>
      <source>Conclusion</source>
      <translation>Conclusion</translation>
    </message>
    <message>
      <source>Recommendation</source>
      <translation>Recommandation</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Constats</translation>
    </message>
    <message>
      <source>Audit and findings</source>
      <translation>Audit et constats</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>Historique des modifications</translation>
    </message>
    <message>
      <source>Change history ({count})</source>
      <translation>Historique des modifications ({count})</translation>
    </message>
    <message>
      <source>Discard the changes made to this audit?</source>
      <translation>Abandonner les modifications faites à cet audit ?</translation>
    </message>
    <message>
      <source>{names} coached this company: an auditor must not audit a company they coached.</source>
      <translation>{names} a accompagné cette structure : un auditeur ne peut pas auditer une structure qu'il a accompagnée.</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <source>the audit of “{owner}”</source>
      <translation>l'audit de « {owner} »</translation>
    </message>
    <message>
      <source>add {what}</source>
      <translation>ajouter {what}</translation>
    </message>
    <message>
      <source>edit {what}</source>
      <translation>modifier {what}</translation>
    </message>
  </context>
  <context>
    <name>AuditListModel</name>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Company or group</source>
      <translation>Structure ou groupe</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Ville</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Referential</source>
      <translation>Référentiel</translation>
    </message>
    <message>
      <source>Auditors</source>
      <translation>Auditeurs</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Constats</translation>
    </message>
    <message>
      <source>NCm</source>
      <translation>NCm</translation>
    </message>
    <message>
      <source>NCM</source>
      <translation>NCM</translation>
    </message>
  </context>
  <context>
    <name>AuditsView</name>
    <message>
      <source>Search a company or group, SIRET, town…</source>
      <translation>Rechercher une structure ou un groupe, un SIRET, une ville…</translation>
    </message>
    <message>
      <source>All kinds</source>
      <translation>Tous les types</translation>
    </message>
    <message>
      <source>All statuses</source>
      <translation>Tous les statuts</translation>
    </message>
    <message>
      <source>All versions</source>
      <translation>Toutes les versions</translation>
    </message>
    <message>
      <source>All years</source>
      <translation>Toutes les années</translation>
    </message>
    <message>
      <source>New audit…</source>
      <translation>Nouvel audit…</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>Lecture…</translation>
    </message>
    <message>
      <source>{total} audits</source>
      <translation>{total} audits</translation>
    </message>
    <message>
      <source>{total} audit</source>
      <translation>{total} audit</translation>
    </message>
    <message>
      <source>{shown} of {total} audits</source>
      <translation>{shown} sur {total} audits</translation>
    </message>
    <message>
      <source>{shown} of {total} audit</source>
      <translation>{shown} sur {total} audit</translation>
    </message>
    <message>
      <source>Open the audit</source>
      <translation>Ouvrir l'audit</translation>
    </message>
    <message>
      <source>Open the company</source>
      <translation>Ouvrir la structure</translation>
    </message>
    <message>
      <source>Delete the audit…</source>
      <translation>Supprimer l'audit…</translation>
    </message>
    <message>
      <source>the audit of “{owner}” ({date})</source>
      <translation>l'audit de « {owner} » ({date})</translation>
    </message>
    <message>
      <source>Delete {what} and its {count} findings?</source>
      <translation>Supprimer {what} et ses {count} constats ?</translation>
    </message>
    <message>
      <source>Delete {what} and its finding?</source>
      <translation>Supprimer {what} et son constat ?</translation>
    </message>
    <message>
      <source>Delete {what}?</source>
      <translation>Supprimer {what} ?</translation>
    </message>
    <message>
      <source>Ctrl+Z puts it back.</source>
      <translation>Ctrl+Z le rétablit.</translation>
    </message>
    <message>
      <source>Delete the audit</source>
      <translation>Supprimer l'audit</translation>
    </message>
    <message>
      <source>delete {what}</source>
      <translation>supprimer {what}</translation>
    </message>
  </context>
  <context>
    <name>CapView</name>
    <message>
      <source>Answers</source>
      <translation>Réponses</translation>
    </message>
    <message>
      <source>Picture</source>
      <translation>Photographie</translation>
    </message>
    <message>
      <source>Progress plan</source>
      <translation>Plan de progrès</translation>
    </message>
    <message>
      <source>New assessment…</source>
      <translation>Nouvelle auto-évaluation…</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <source>Report (PDF)…</source>
      <translation>Rapport (PDF)…</translation>
    </message>
    <message>
      <source>Report (Excel)…</source>
      <translation>Rapport (Excel)…</translation>
    </message>
    <message>
      <source>Export the grid…</source>
      <translation>Exporter la grille…</translation>
    </message>
    <message>
      <source>Load a grid…</source>
      <translation>Charger une grille…</translation>
    </message>
    <message>
      <source>Grid: {label}</source>
      <translation>Grille : {label}</translation>
    </message>
    <message>
      <source>Le Cap</source>
      <translation>Le Cap</translation>
    </message>
    <message>
      <source>Delete this assessment, its answers and its plan?</source>
      <translation>Supprimer cette auto-évaluation, ses réponses et son plan ?</translation>
    </message>
    <message>
      <source>Le Cap report</source>
      <translation>Rapport Le Cap</translation>
    </message>
    <message>
      <source>Report written: {path}</source>
      <translation>Rapport écrit : {path}</translation>
    </message>
    <message>
      <source>Export the grid</source>
      <translation>Exporter la grille</translation>
    </message>
    <message>
      <source>Grid written: {path}</source>
      <translation>Grille écrite : {path}</translation>
    </message>
    <message>
      <source>Load a grid</source>
      <translation>Charger une grille</translation>
    </message>
    <message>
      <source>The grid was not loaded:</source>
      <translation>La grille n'a pas été chargée :</translation>
    </message>
    <message>
      <source>Grid loaded: {label}</source>
      <translation>Grille chargée : {label}</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>Historique des modifications</translation>
    </message>
    <message>
      <source>Edit the grid…</source>
      <translation>Modifier la grille…</translation>
    </message>
    <message>
      <source>Change history ({count})</source>
      <translation>Historique des modifications ({count})</translation>
    </message>
    <message>
      <source>Grid saved: {label}</source>
      <translation>Grille enregistrée : {label}</translation>
    </message>
  </context>
  <context>
    <name>ChangeHistory</name>
    <message>
      <source>Reading the change history…</source>
      <translation>Lecture de l'historique des modifications…</translation>
    </message>
    <message>
      <source>No change recorded.</source>
      <translation>Aucune modification enregistrée.</translation>
    </message>
    <message>
      <source>created</source>
      <translation>création</translation>
    </message>
    <message>
      <source>changed</source>
      <translation>modification</translation>
    </message>
    <message>
      <source>deleted</source>
      <translation>suppression</translation>
    </message>
    <message>
      <source>imported</source>
      <translation>import</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Quand</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Qui</translation>
    </message>
    <message>
      <source>Change</source>
      <translation>Modification</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Champ</translation>
    </message>
    <message>
      <source>Before</source>
      <translation>Avant</translation>
    </message>
    <message>
      <source>After</source>
      <translation>Après</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>Élément</translation>
    </message>
    <message>
      <source>{field}: {value}</source>
      <translation>{field} : {value}</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>Constat</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Décision</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>Numéro</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>SIRET</source>
      <translation>SIRET</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Région</translation>
    </message>
    <message>
      <source>Department</source>
      <translation>Département</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Ville</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>Courriel</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Téléphone</translation>
    </message>
    <message>
      <source>Member since</source>
      <translation>Adhérent depuis</translation>
    </message>
    <message>
      <source>Active member</source>
      <translation>Adhérent actif</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>Legal types</source>
      <translation>Types de structure</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Structure</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>Groupe</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Referential version</source>
      <translation>Version du référentiel</translation>
    </message>
    <message>
      <source>ISO 9001 version</source>
      <translation>Version ISO 9001</translation>
    </message>
    <message>
      <source>Planned on</source>
      <translation>Prévu le</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Du</translation>
    </message>
    <message>
      <source>To</source>
      <translation>Au</translation>
    </message>
    <message>
      <source>Duration (days)</source>
      <translation>Durée (jours)</translation>
    </message>
    <message>
      <source>Conclusion</source>
      <translation>Conclusion</translation>
    </message>
    <message>
      <source>Recommendation</source>
      <translation>Recommandation</translation>
    </message>
    <message>
      <source>Auditor</source>
      <translation>Auditeur</translation>
    </message>
    <message>
      <source>Lead auditor</source>
      <translation>Auditeur responsable</translation>
    </message>
    <message>
      <source>Requirement</source>
      <translation>Exigence</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
    <message>
      <source>Corrective action</source>
      <translation>Action corrective</translation>
    </message>
    <message>
      <source>Action closed on</source>
      <translation>Action soldée le</translation>
    </message>
    <message>
      <source>Position</source>
      <translation>Rang</translation>
    </message>
    <message>
      <source>Place</source>
      <translation>Lieu</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Membres</translation>
    </message>
    <message>
      <source>Session</source>
      <translation>Session</translation>
    </message>
    <message>
      <source>Audit</source>
      <translation>Audit</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Certification</translation>
    </message>
    <message>
      <source>Certificate number</source>
      <translation>Numéro de certificat</translation>
    </message>
    <message>
      <source>Valid from</source>
      <translation>Valable du</translation>
    </message>
    <message>
      <source>Valid until</source>
      <translation>Valable jusqu'au</translation>
    </message>
    <message>
      <source>Conditions</source>
      <translation>Conditions</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>oui</translation>
    </message>
    <message>
      <source>no</source>
      <translation>non</translation>
    </message>
    <message>
      <source>Finding “{text}”</source>
      <translation>Constat « {text} »</translation>
    </message>
    <message>
      <source>Finding {number}</source>
      <translation>Constat n° {number}</translation>
    </message>
    <message>
      <source>Decision on {file}</source>
      <translation>Décision sur {file}</translation>
    </message>
    <message>
      <source>Auditors</source>
      <translation>Auditeurs</translation>
    </message>
    <message>
      <source>Assessment</source>
      <translation>Auto-évaluation</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Participants</source>
      <translation>Participants</translation>
    </message>
    <message>
      <source>Reviewer</source>
      <translation>Relecteur</translation>
    </message>
    <message>
      <source>Reviewed by</source>
      <translation>Relue par</translation>
    </message>
    <message>
      <source>Reviewer's role</source>
      <translation>Rôle du relecteur</translation>
    </message>
    <message>
      <source>Grid</source>
      <translation>Grille</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indicateur</translation>
    </message>
    <message>
      <source>Comment</source>
      <translation>Commentaire</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>Preuves</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Responsable</translation>
    </message>
    <message>
      <source>Answer {indicator}</source>
      <translation>Réponse {indicator}</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>Réponse</translation>
    </message>
    <message>
      <source>Action “{text}”</source>
      <translation>Action « {text} »</translation>
    </message>
  </context>
  <context>
    <name>CommitteesView</name>
    <message>
      <source>New session…</source>
      <translation>Nouvelle session…</translation>
    </message>
    <message>
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
    <message>
      <source>Delete…</source>
      <translation>Supprimer…</translation>
    </message>
    <message>
      <source>History…</source>
      <translation>Historique…</translation>
    </message>
    <message>
      <source>Who changed the session and its decisions, and when</source>
      <translation>Qui a modifié la session et ses décisions, et quand</translation>
    </message>
    <message>
      <source>Sessions</source>
      <translation>Sessions</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Place</source>
      <translation>Lieu</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Decisions</source>
      <translation>Décisions</translation>
    </message>
    <message>
      <source>Delete the session</source>
      <translation>Supprimer la session</translation>
    </message>
    <message>
      <source>Delete the session of {date}?</source>
      <translation>Supprimer la session du {date} ?</translation>
    </message>
    <message>
      <source>Change history of the session of {date}</source>
      <translation>Historique des modifications de la session du {date}</translation>
    </message>
    <message>
      <source>Change history of the decision on {file}</source>
      <translation>Historique des modifications de la décision sur {file}</translation>
    </message>
    <message>
      <source>create the session of {date}</source>
      <translation>créer la session du {date}</translation>
    </message>
    <message>
      <source>edit the session of {date}</source>
      <translation>modifier la session du {date}</translation>
    </message>
    <message>
      <source>The session of {date} carries decisions: it is kept. Cancel its decisions first.</source>
      <translation>La session du {date} porte des décisions : elle est gardée. Annulez d'abord ses décisions.</translation>
    </message>
    <message>
      <source>Ctrl+Z puts it back.</source>
      <translation>Ctrl+Z la rétablit.</translation>
    </message>
    <message>
      <source>delete the session of {date}</source>
      <translation>supprimer la session du {date}</translation>
    </message>
    <message>
      <source>record the decision on “{file}”</source>
      <translation>enregistrer la décision sur « {file} »</translation>
    </message>
    <message>
      <source>cancel the decision on “{file}”</source>
      <translation>annuler la décision sur « {file} »</translation>
    </message>
  </context>
  <context>
    <name>CompaniesView</name>
    <message>
      <source>Search: name, SIRET, town (Ctrl+F)</source>
      <translation>Rechercher : nom, SIRET, ville (Ctrl+F)</translation>
    </message>
    <message>
      <source>All regions</source>
      <translation>Toutes les régions</translation>
    </message>
    <message>
      <source>All types</source>
      <translation>Tous les types</translation>
    </message>
    <message>
      <source>All states</source>
      <translation>Tous les états</translation>
    </message>
    <message>
      <source>All schemes</source>
      <translation>Toutes les certifications</translation>
    </message>
    <message>
      <source>Not certified</source>
      <translation>Non certifiée</translation>
    </message>
    <message>
      <source>All versions</source>
      <translation>Toutes les versions</translation>
    </message>
    <message>
      <source>New…</source>
      <translation>Nouvelle…</translation>
    </message>
    <message>
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Supprimer</translation>
    </message>
    <message>
      <source>Reading the register…</source>
      <translation>Lecture du registre…</translation>
    </message>
    <message>
      <source>{count} companies</source>
      <translation>{count} structures</translation>
    </message>
    <message>
      <source>{count} company</source>
      <translation>{count} structure</translation>
    </message>
    <message>
      <source>{shown} of {total} companies</source>
      <translation>{shown} sur {total} structures</translation>
    </message>
    <message>
      <source>{shown} of {total} company</source>
      <translation>{shown} sur {total} structure</translation>
    </message>
    <message>
      <source>add “{name}”</source>
      <translation>ajout de « {name} »</translation>
    </message>
    <message>
      <source>Company “{name}” added.</source>
      <translation>Structure « {name} » ajoutée.</translation>
    </message>
    <message>
      <source>edit “{name}”</source>
      <translation>modification de « {name} »</translation>
    </message>
    <message>
      <source>Company “{name}” saved.</source>
      <translation>Structure « {name} » enregistrée.</translation>
    </message>
    <message>
      <source>Delete a company</source>
      <translation>Supprimer une structure</translation>
    </message>
    <message>
      <source>Delete “{name}”? You can undo it with Ctrl+Z.</source>
      <translation>Supprimer « {name} » ? Vous pourrez annuler avec Ctrl+Z.</translation>
    </message>
    <message>
      <source>delete “{name}”</source>
      <translation>suppression de « {name} »</translation>
    </message>
    <message>
      <source>Company “{name}” deleted (Ctrl+Z puts it back).</source>
      <translation>Structure « {name} » supprimée (Ctrl+Z la rétablit).</translation>
    </message>
    <message>
      <source>Not possible</source>
      <translation>Impossible</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Types</source>
      <translation>Types</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>Événement</translation>
    </message>
    <message>
      <source>SIRET</source>
      <translation>SIRET</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Ville</translation>
    </message>
    <message>
      <source>Dept.</source>
      <translation>Dépt</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Région</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Certification</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <source>Next due</source>
      <translation>Prochaine échéance</translation>
    </message>
    <message>
      <source>Groups of “{name}” saved.</source>
      <translation>Groupes de « {name} » enregistrés.</translation>
    </message>
  </context>
  <context>
    <name>CompanyDialog</name>
    <message>
      <source>Edit the company</source>
      <translation>Modifier la structure</translation>
    </message>
    <message>
      <source>New company</source>
      <translation>Nouvelle structure</translation>
    </message>
    <message>
      <source>14 digits</source>
      <translation>14 chiffres</translation>
    </message>
    <message>
      <source>e.g. 13, 2A, 974</source>
      <translation>ex. 13, 2A, 974</translation>
    </message>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>jj/mm/aaaa</translation>
    </message>
    <message>
      <source>Active member</source>
      <translation>Adhérent actif</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Nom</translation>
    </message>
    <message>
      <source>Legal types</source>
      <translation>Types de structure</translation>
    </message>
    <message>
      <source>SIRET</source>
      <translation>SIRET</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Région</translation>
    </message>
    <message>
      <source>Department</source>
      <translation>Département</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Ville</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>Courriel</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>Téléphone</translation>
    </message>
    <message>
      <source>Member since</source>
      <translation>Adhérent depuis</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>oui</translation>
    </message>
    <message>
      <source>no</source>
      <translation>non</translation>
    </message>
    <message>
      <source>Discard the changes made to this company?</source>
      <translation>Abandonner les modifications faites à cette structure ?</translation>
    </message>
  </context>
  <context>
    <name>CompanyFileView</name>
    <message>
      <source>Edit…</source>
      <translation>Modifier…</translation>
    </message>
    <message>
      <source>New audit…</source>
      <translation>Nouvel audit…</translation>
    </message>
    <message>
      <source>none</source>
      <translation>aucun</translation>
    </message>
    <message>
      <source>Certification history</source>
      <translation>Historique de certification</translation>
    </message>
    <message>
      <source>Due events</source>
      <translation>Échéances</translation>
    </message>
    <message>
      <source>Audits</source>
      <translation>Audits</translation>
    </message>
    <message>
      <source>Open corrective actions</source>
      <translation>Actions correctives ouvertes</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>Historique des modifications</translation>
    </message>
    <message>
      <source>Legal types</source>
      <translation>Types de structure</translation>
    </message>
    <message>
      <source>SIRET</source>
      <translation>SIRET</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Ville</translation>
    </message>
    <message>
      <source>Region</source>
      <translation>Région</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Adhésion</translation>
    </message>
    <message>
      <source>Groups</source>
      <translation>Groupes</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>active member</source>
      <translation>adhérent actif</translation>
    </message>
    <message>
      <source>inactive</source>
      <translation>inactif</translation>
    </message>
    <message>
      <source>{state} since {day}</source>
      <translation>{state} depuis le {day}</translation>
    </message>
    <message>
      <source>{state}: {scheme} certificate valid from {start} to {end}</source>
      <translation>{state} : certificat {scheme} valable du {start} au {end}</translation>
    </message>
    <message>
      <source>late: {event}, due on {day}</source>
      <translation>en retard : {event}, échéance le {day}</translation>
    </message>
    <message>
      <source>next: {event} on {day}</source>
      <translation>prochaine échéance : {event} le {day}</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>Événement</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>Groupe</translation>
    </message>
    <message>
      <source>Entered the quality process</source>
      <translation>Entrée dans la démarche qualité</translation>
    </message>
    <message>
      <source>{audit} ({status})</source>
      <translation>{audit} ({status})</translation>
    </message>
    <message>
      <source>Committee decision: {outcome} ({scheme})</source>
      <translation>Décision du comité : {outcome} ({scheme})</translation>
    </message>
    <message>
      <source>Certificate {number}: valid from {start} to {end}</source>
      <translation>Certificat {number} : valable du {start} au {end}</translation>
    </message>
    <message>
      <source>done</source>
      <translation>fait</translation>
    </message>
    <message>
      <source>late</source>
      <translation>en retard</translation>
    </message>
    <message>
      <source>to do</source>
      <translation>à faire</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Audit</source>
      <translation>Audit</translation>
    </message>
    <message>
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Auditors</source>
      <translation>Auditeurs</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Constats</translation>
    </message>
    <message>
      <source>Minor NC</source>
      <translation>NC mineures</translation>
    </message>
    <message>
      <source>Major NC</source>
      <translation>NC majeures</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
    <message>
      <source>Requirement</source>
      <translation>Exigence</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>Constat</translation>
    </message>
    <message>
      <source>Corrective action</source>
      <translation>Action corrective</translation>
    </message>
    <message>
      <source>Audit of</source>
      <translation>Audit du</translation>
    </message>
    <message>
      <source>Le Cap plan</source>
      <translation>Plan Le Cap</translation>
    </message>
    <message>
      <source>Indicator</source>
      <translation>Indicateur</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Responsable</translation>
    </message>
    <message>
      <source>Open the audit</source>
      <translation>Ouvrir l’audit</translation>
    </message>
    <message>
      <source>{group} (left on {day})</source>
      <translation>{group} (sortie le {day})</translation>
    </message>
    <message>
      <source>{group} (since {day})</source>
      <translation>{group} (depuis le {day})</translation>
    </message>
    <message>
      <source>{state} on {day}: the group's {scheme} certificate (valid to {end}) no longer covers it</source>
      <translation>{state} le {day} : le certificat {scheme} du groupe (valable jusqu'au {end}) ne la couvre plus</translation>
    </message>
    <message>
      <source>Groups…</source>
      <translation>Groupes…</translation>
    </message>
  </context>
  <context>
    <name>DashboardView</name>
    <message>
      <source>Companies by state</source>
      <translation>Structures par état</translation>
    </message>
    <message>
      <source>Dashboard on {day}</source>
      <translation>Tableau de bord au {day}</translation>
    </message>
    <message>
      <source>Late ({count})</source>
      <translation>En retard ({count})</translation>
    </message>
    <message>
      <source>Due within {days} days ({count})</source>
      <translation>À échéance sous {days} jours ({count})</translation>
    </message>
    <message>
      <source>Next certification committee</source>
      <translation>Prochain comité de certification</translation>
    </message>
    <message>
      <source>Reading the register…</source>
      <translation>Lecture du registre…</translation>
    </message>
    <message>
      <source>expected in {month} (no session entered yet)</source>
      <translation>prévu en {month} (aucune session saisie)</translation>
    </message>
    <message>
      <source>{day}, {place}</source>
      <translation>{day}, {place}</translation>
    </message>
    <message>
      <source>{when}: {files} file(s) on the agenda, {ready} with the report sent.</source>
      <translation>{when} : {files} dossier(s) à l'ordre du jour, dont {ready} avec le rapport envoyé.</translation>
    </message>
    <message>
      <source>* the date rests on a committee session not entered yet</source>
      <translation>* date fondée sur une session de comité pas encore saisie</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Delay</source>
      <translation>Délai</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Structure</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>Événement</translation>
    </message>
    <message>
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <source>Company or group</source>
      <translation>Structure ou groupe</translation>
    </message>
    <message>
      <source>Audit</source>
      <translation>Audit</translation>
    </message>
    <message>
      <source>Done on</source>
      <translation>Réalisé le</translation>
    </message>
    <message>
      <source>Report</source>
      <translation>Rapport</translation>
    </message>
    <message>
      <source>sent</source>
      <translation>envoyé</translation>
    </message>
    <message>
      <source>not sent yet</source>
      <translation>pas encore envoyé</translation>
    </message>
    <message>
      <source>Major NC</source>
      <translation>NC majeures</translation>
    </message>
    <message>
      <source>Minor NC</source>
      <translation>NC mineures</translation>
    </message>
    <message>
      <source>Companies</source>
      <translation>Structures</translation>
    </message>
    <message>
      <source>Le Cap actions late ({count})</source>
      <translation>Actions Le Cap en retard ({count})</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Responsable</translation>
    </message>
    <message>
      <source>&amp;Horizon:</source>
      <translation>&amp;Horizon :</translation>
    </message>
    <message>
      <source> days</source>
      <translation> jours</translation>
    </message>
  </context>
  <context>
    <name>DateField</name>
    <message>
      <source>dd/mm/yyyy</source>
      <translation>jj/mm/aaaa</translation>
    </message>
    <message>
      <source>Pick the date in a calendar (Alt+Down)</source>
      <translation>Choisir la date dans un calendrier (Alt+Bas)</translation>
    </message>
    <message>
      <source>A date is needed here (for instance 17/11/2026).</source>
      <translation>Une date est nécessaire ici (par exemple 17/11/2026).</translation>
    </message>
  </context>
  <context>
    <name>DecisionPanel</name>
    <message>
      <source>Given automatically when empty</source>
      <translation>Attribué automatiquement si vide</translation>
    </message>
    <message>
      <source>Decision</source>
      <translation>Décision</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Certification</translation>
    </message>
    <message>
      <source>Certificate number</source>
      <translation>Numéro de certificat</translation>
    </message>
    <message>
      <source>Conditions</source>
      <translation>Conditions</translation>
    </message>
    <message>
      <source>Record the decision</source>
      <translation>Enregistrer la décision</translation>
    </message>
    <message>
      <source>Cancel the decision…</source>
      <translation>Annuler la décision…</translation>
    </message>
    <message>
      <source>History…</source>
      <translation>Historique…</translation>
    </message>
    <message>
      <source>Who recorded the decision, and when</source>
      <translation>Qui a enregistré la décision, et quand</translation>
    </message>
    <message>
      <source>Decision on {file}</source>
      <translation>Décision sur {file}</translation>
    </message>
    <message>
      <source>Cancel the decision</source>
      <translation>Annuler la décision</translation>
    </message>
    <message>
      <source>Cancel the decision on {file}? The certificate it gave goes with it.</source>
      <translation>Annuler la décision sur {file} ? Le certificat qu'elle a donné disparaît avec elle.</translation>
    </message>
    <message>
      <source>&lt;b&gt;Next due for {file}&lt;/b&gt;</source>
      <comment>name starting with a vowel</comment>
      <translation>&lt;b&gt;Prochaines échéances d'{file}&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;b&gt;Next due for {file}&lt;/b&gt;</source>
      <translation>&lt;b&gt;Prochaines échéances de {file}&lt;/b&gt;</translation>
    </message>
    <message>
      <source>&lt;b&gt;Next due for {file}&lt;/b&gt;, as from {date}</source>
      <comment>name starting with a vowel</comment>
      <translation>&lt;b&gt;Prochaines échéances d'{file}&lt;/b&gt;, à compter du {date}</translation>
    </message>
    <message>
      <source>&lt;b&gt;Next due for {file}&lt;/b&gt;, as from {date}</source>
      <translation>&lt;b&gt;Prochaines échéances de {file}&lt;/b&gt;, à compter du {date}</translation>
    </message>
    <message>
      <source>Member companies ({count}):</source>
      <translation>Structures membres ({count}) :</translation>
    </message>
    <message>
      <source>* rests on a committee session not entered yet, expected in June or November.</source>
      <translation>* date fondée sur une session de comité pas encore saisie, attendue en juin ou en novembre.</translation>
    </message>
    <message>
      <source>State: {state}</source>
      <translation>État : {state}</translation>
    </message>
    <message>
      <source>nothing falls due</source>
      <translation>aucune échéance</translation>
    </message>
    <message>
      <source>late</source>
      <translation>en retard</translation>
    </message>
    <message>
      <source>Discard the decision typed for this file?</source>
      <translation>Abandonner la décision saisie pour ce dossier ?</translation>
    </message>
  </context>
  <context>
    <name>Delay</name>
    <message>
      <source>today</source>
      <translation>aujourd'hui</translation>
    </message>
    <message>
      <source>tomorrow</source>
      <translation>demain</translation>
    </message>
    <message>
      <source>{days} days late</source>
      <translation>{days} j de retard</translation>
    </message>
    <message>
      <source>{days} day late</source>
      <translation>{days} j de retard</translation>
    </message>
    <message>
      <source>in {days} days</source>
      <translation>dans {days} j</translation>
    </message>
  </context>
  <context>
    <name>DemoRegisterMaker</name>
    <message>
      <source>Demonstration register</source>
      <translation>Registre de démonstration</translation>
    </message>
    <message>
      <source>Demonstration register.sqlite</source>
      <translation>Registre de démonstration.sqlite</translation>
    </message>
    <message>
      <source>cedre-desk registers (*.sqlite)</source>
      <translation>Registres cedre-desk (*.sqlite)</translation>
    </message>
    <message>
      <source>Writing a demonstration register of {count} companies…</source>
      <translation>Écriture d’un registre de démonstration de {count} structures…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>Writing the committees' decisions…</source>
      <translation>Écriture des décisions des comités…</translation>
    </message>
    <message>
      <source>Demonstration register cancelled: nothing was written.</source>
      <translation>Registre de démonstration annulé : rien n’a été écrit.</translation>
    </message>
  </context>
  <context>
    <name>ExchangeMenu</name>
    <message>
      <source>E&amp;xport</source>
      <translation>E&amp;xporter</translation>
    </message>
    <message>
      <source>Excel re&amp;gister…</source>
      <translation>Re&amp;gistre Excel…</translation>
    </message>
    <message>
      <source>Audit &amp;report (PDF)…</source>
      <translation>&amp;Rapport d’audit (PDF)…</translation>
    </message>
    <message>
      <source>Renewal &amp;calendar…</source>
      <translation>&amp;Calendrier des renouvellements…</translation>
    </message>
    <message>
      <source>&amp;Yearly figures…</source>
      <translation>C&amp;hiffres annuels…</translation>
    </message>
    <message>
      <source>&amp;Import an Excel workbook…</source>
      <translation>&amp;Importer un classeur Excel…</translation>
    </message>
    <message>
      <source>Select an audit in the list first.</source>
      <translation>Choisissez d’abord un audit dans la liste.</translation>
    </message>
    <message>
      <source>&amp;Print</source>
      <translation>Im&amp;primer</translation>
    </message>
    <message>
      <source>The &amp;audit report…</source>
      <translation>Le r&amp;apport d’audit…</translation>
    </message>
    <message>
      <source>The audit report in the PDF &amp;viewer</source>
      <translation>Le rapport d’audit dans la &amp;visionneuse PDF</translation>
    </message>
    <message>
      <source>The renewal &amp;calendar…</source>
      <translation>Le &amp;calendrier des échéances…</translation>
    </message>
    <message>
      <source>The renewal calendar in the PDF v&amp;iewer</source>
      <translation>Le calendrier dans la visionneuse P&amp;DF</translation>
    </message>
    <message>
      <source>The &amp;yearly figures…</source>
      <translation>Les chiffres de l’a&amp;nnée…</translation>
    </message>
    <message>
      <source>&amp;Print the audit report…</source>
      <translation>&amp;Imprimer le rapport d’audit…</translation>
    </message>
    <message>
      <source>Excel &amp;register…</source>
      <translation>&amp;Registre Excel…</translation>
    </message>
  </context>
  <context>
    <name>ExportActions</name>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>Written: {path}</source>
      <translation>Fichier écrit : {path}</translation>
    </message>
    <message>
      <source>{sheet}, row {row}, column {column}: {length} characters</source>
      <translation>{sheet}, ligne {row}, colonne {column} : {length} caractères</translation>
    </message>
    <message>
      <source>Texts longer than an Excel cell allows were cut:</source>
      <translation>Des textes plus longs qu'une cellule Excel ne le permet ont été coupés :</translation>
    </message>
    <message>
      <source>Export the register</source>
      <translation>Exporter le registre</translation>
    </message>
    <message>
      <source>Excel (*.xlsx)</source>
      <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>Exporting the register…</source>
      <translation>Export du registre…</translation>
    </message>
    <message>
      <source>Save the audit report</source>
      <translation>Enregistrer le rapport d'audit</translation>
    </message>
    <message>
      <source>PDF (*.pdf)</source>
      <translation>PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Writing the audit report…</source>
      <translation>Rédaction du rapport d'audit…</translation>
    </message>
    <message>
      <source>Export the calendar</source>
      <translation>Exporter le calendrier</translation>
    </message>
    <message>
      <source>Calendar (*.ics);;Excel (*.xlsx);;PDF (*.pdf)</source>
      <translation>Calendrier (*.ics);;Excel (*.xlsx);;PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Exporting the calendar…</source>
      <translation>Export du calendrier…</translation>
    </message>
    <message>
      <source>Yearly figures</source>
      <translation>Chiffres annuels</translation>
    </message>
    <message>
      <source>Year:</source>
      <translation>Année :</translation>
    </message>
    <message>
      <source>Export the yearly figures</source>
      <translation>Exporter les chiffres annuels</translation>
    </message>
    <message>
      <source>PDF (*.pdf);;Excel (*.xlsx)</source>
      <translation>PDF (*.pdf);;Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>Computing the yearly figures…</source>
      <translation>Calcul des chiffres annuels…</translation>
    </message>
    <message>
      <source>No program could open {path}.</source>
      <translation>Aucun programme n'a pu ouvrir {path}.</translation>
    </message>
    <message>
      <source>Calendar (*.ics)</source>
      <translation>Calendrier (*.ics)</translation>
    </message>
  </context>
  <context>
    <name>FindingsPanel</name>
    <message>
      <source>What the auditor found</source>
      <translation>Ce que l'auditeur a constaté</translation>
    </message>
    <message>
      <source>The corrective action, for a nonconformity</source>
      <translation>L'action corrective, pour une non-conformité</translation>
    </message>
    <message>
      <source>Chapter</source>
      <translation>Chapitre</translation>
    </message>
    <message>
      <source>Requirement</source>
      <translation>Exigence</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>Niveau</translation>
    </message>
    <message>
      <source>Finding</source>
      <translation>Constat</translation>
    </message>
    <message>
      <source>Corrective action</source>
      <translation>Action corrective</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Closed on</source>
      <translation>Close le</translation>
    </message>
    <message>
      <source>New finding</source>
      <translation>Nouveau constat</translation>
    </message>
    <message>
      <source>Add the finding</source>
      <translation>Ajouter le constat</translation>
    </message>
    <message>
      <source>Remove the finding</source>
      <translation>Retirer le constat</translation>
    </message>
    <message>
      <source>Counts:</source>
      <translation>Décompte :</translation>
    </message>
    <message>
      <source>(no requirement)</source>
      <translation>(aucune exigence)</translation>
    </message>
    <message>
      <source>(the whole chapter)</source>
      <translation>(le chapitre entier)</translation>
    </message>
    <message>
      <source>Write the finding before adding it.</source>
      <translation>Rédigez le constat avant de l'ajouter.</translation>
    </message>
    <message>
      <source>Apply to the finding</source>
      <translation>Appliquer au constat</translation>
    </message>
  </context>
  <context>
    <name>FirstStartPanel</name>
    <message>
      <source>This register is empty</source>
      <translation>Ce registre est vide</translation>
    </message>
    <message>
      <source>To begin, bring in the workbook you kept so far, or type your first company. To look around first, open a demonstration register: invented companies with twenty years of audits and committees, in a file of its own (this register stays as it is).</source>
      <translation>Pour commencer, importez le classeur tenu jusqu’ici, ou saisissez votre première structure. Pour découvrir le programme d’abord, ouvrez un registre de démonstration : des structures inventées avec vingt ans d’audits et de comités, dans un fichier à part (ce registre reste tel quel).</translation>
    </message>
    <message>
      <source>&amp;Import an Excel workbook…</source>
      <translation>&amp;Importer un classeur Excel…</translation>
    </message>
    <message>
      <source>Add a &amp;company…</source>
      <translation>Ajouter une &amp;structure…</translation>
    </message>
    <message>
      <source>Open a &amp;demonstration register…</source>
      <translation>Ouvrir un registre de &amp;démonstration…</translation>
    </message>
    <message>
      <source>Read the user &amp;guide (F1)</source>
      <translation>Lire le &amp;guide d’utilisation (F1)</translation>
    </message>
  </context>
  <context>
    <name>GridEditor</name>
    <message>
      <source>Le Cap grid</source>
      <translation>Grille Le Cap</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>Theme, sub-theme, indicator</source>
      <translation>Thème, sous-thème, indicateur</translation>
    </message>
    <message>
      <source>Question</source>
      <translation>Question</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Cible</translation>
    </message>
    <message>
      <source>Suggested action</source>
      <translation>Action suggérée</translation>
    </message>
    <message>
      <source>Add an indicator</source>
      <translation>Ajouter un indicateur</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>Retirer</translation>
    </message>
    <message>
      <source>Move up</source>
      <translation>Monter</translation>
    </message>
    <message>
      <source>Move down</source>
      <translation>Descendre</translation>
    </message>
    <message>
      <source>Save as a new version</source>
      <translation>Enregistrer comme nouvelle version</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Annuler</translation>
    </message>
    <message>
      <source>New version's name</source>
      <translation>Nom de la nouvelle version</translation>
    </message>
    <message>
      <source>The assessments already made keep the grid they were answered on.</source>
      <translation>Les auto-évaluations déjà faites gardent la grille sur laquelle elles ont été répondues.</translation>
    </message>
    <message>
      <source>Discard the changes made to the grid?</source>
      <translation>Abandonner les modifications faites à la grille ?</translation>
    </message>
  </context>
  <context>
    <name>GuideDialog</name>
    <message>
      <source>cedre-desk user guide</source>
      <translation>Guide d’utilisation de cedre-desk</translation>
    </message>
    <message>
      <source>Log files (for whoever helps you): {folder}</source>
      <translation>Journaux (pour qui vous aide) : {folder}</translation>
    </message>
    <message>
      <source>Open the &amp;log folder</source>
      <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
  </context>
  <context>
    <name>HelpActions</name>
    <message>
      <source>The log files are in this folder:
{folder}</source>
      <translation>Les journaux sont dans ce dossier :
{folder}</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <source>(not recognised)</source>
      <translation>(non reconnue)</translation>
    </message>
    <message>
      <source>Sheet</source>
      <translation>Feuille</translation>
    </message>
    <message>
      <source>Column</source>
      <translation>Colonne</translation>
    </message>
    <message>
      <source>Read as</source>
      <translation>Lue comme</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>Ligne</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Motif</translation>
    </message>
    <message>
      <source>Import an Excel workbook</source>
      <translation>Importer un classeur Excel</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>Choisir…</translation>
    </message>
    <message>
      <source>Columns</source>
      <translation>Colonnes</translation>
    </message>
    <message>
      <source>Rejected rows</source>
      <translation>Lignes refusées</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Importer</translation>
    </message>
    <message>
      <source>Workbook:</source>
      <translation>Classeur :</translation>
    </message>
    <message>
      <source>Excel (*.xlsx)</source>
      <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>Reading the workbook…</source>
      <translation>Lecture du classeur…</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>Import en cours…</translation>
    </message>
    <message>
      <source>Rejected rows ({count})</source>
      <translation>Lignes refusées ({count})</translation>
    </message>
    <message>
      <source>Ready to import: {counts}.</source>
      <translation>Prêt à importer : {counts}.</translation>
    </message>
    <message>
      <source>{count} row(s) cannot be imported: correct the workbook or the columns, then preview again. Nothing will be written until every row can be.</source>
      <translation>{count} ligne(s) ne peuvent pas être importées : corrigez le classeur ou les colonnes, puis prévisualisez à nouveau. Rien ne sera écrit tant que toutes les lignes ne le peuvent pas.</translation>
    </message>
    <message>
      <source>Imported: {counts}.</source>
      <translation>Importé : {counts}.</translation>
    </message>
    <message>
      <source>{n} new companies</source>
      <translation>{n} nouvelles structures</translation>
    </message>
    <message>
      <source>{n} companies already known</source>
      <translation>{n} structures déjà connues</translation>
    </message>
    <message>
      <source>{n} groups</source>
      <translation>{n} groupes</translation>
    </message>
    <message>
      <source>{n} auditors</source>
      <translation>{n} auditeurs</translation>
    </message>
    <message>
      <source>{n} coaching links</source>
      <translation>{n} liens d'accompagnement</translation>
    </message>
    <message>
      <source>{n} engagements</source>
      <translation>{n} engagements</translation>
    </message>
    <message>
      <source>{n} committee sessions</source>
      <translation>{n} sessions de comité</translation>
    </message>
    <message>
      <source>{n} audits</source>
      <translation>{n} audits</translation>
    </message>
    <message>
      <source>{n} findings</source>
      <translation>{n} constats</translation>
    </message>
    <message>
      <source>{n} decisions</source>
      <translation>{n} décisions</translation>
    </message>
    <message>
      <source>nothing</source>
      <translation>rien</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Compte rendu</translation>
    </message>
  </context>
  <context>
    <name>LegalType</name>
    <message>
      <source>Other</source>
      <translation>Autre</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>The audit editor is not available in this version.</source>
      <translation>L'éditeur d'audit n'est pas disponible dans cette version.</translation>
    </message>
    <message>
      <source>That company is no longer in the register.</source>
      <translation>Cette structure n'est plus dans le registre.</translation>
    </message>
    <message>
      <source>Reading the register…</source>
      <translation>Lecture du registre…</translation>
    </message>
    <message>
      <source>About cedre-desk</source>
      <translation>À propos de cedre-desk</translation>
    </message>
    <message>
      <source>cedre-desk {version}
The register of CEDRE and CEDRE ISO 9001 certifications.</source>
      <translation>cedre-desk {version}
Le registre des certifications CEDRE et CEDRE ISO 9001.</translation>
    </message>
    <message>
      <source>The log files are in this folder:
{folder}</source>
      <translation>Les journaux sont dans ce dossier :
{folder}</translation>
    </message>
  </context>
  <context>
    <name>NewAssessmentDialog</name>
    <message>
      <source>New Le Cap assessment</source>
      <translation>Nouvelle auto-évaluation Le Cap</translation>
    </message>
    <message>
      <source>Group: {name}</source>
      <translation>Groupe : {name}</translation>
    </message>
    <message>
      <source>Company or group</source>
      <translation>Structure ou groupe</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Discard this new assessment?</source>
      <translation>Abandonner cette nouvelle évaluation ?</translation>
    </message>
  </context>
  <context>
    <name>OwnerChoice</name>
    <message>
      <source>{name} (group)</source>
      <translation>{name} (groupe)</translation>
    </message>
  </context>
  <context>
    <name>PicturePage</name>
    <message>
      <source>This assessment ({day})</source>
      <translation>Cette auto-évaluation ({day})</translation>
    </message>
    <message>
      <source>Previous ({day})</source>
      <translation>Précédente ({day})</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Cible</translation>
    </message>
    <message>
      <source>Overall: {score} ({answered} of {total} indicators answered)</source>
      <translation>Ensemble : {score} ({answered} indicateurs renseignés sur {total})</translation>
    </message>
    <message>
      <source>No previous assessment to compare with.</source>
      <translation>Aucune auto-évaluation précédente à comparer.</translation>
    </message>
    <message>
      <source>Since {day}: {up} indicator(s) up, {down} down.</source>
      <translation>Depuis le {day} : {up} indicateur(s) en hausse, {down} en baisse.</translation>
    </message>
  </context>
  <context>
    <name>PlanModel</name>
    <message>
      <source>Indicator</source>
      <translation>Indicateur</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>Owner</source>
      <translation>Responsable</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>late</source>
      <translation>en retard</translation>
    </message>
  </context>
  <context>
    <name>PlanPage</name>
    <message>
      <source>Build from the answers</source>
      <translation>Construire depuis les réponses</translation>
    </message>
    <message>
      <source>Add an action</source>
      <translation>Ajouter une action</translation>
    </message>
    <message>
      <source>Delete the action</source>
      <translation>Supprimer l'action</translation>
    </message>
    <message>
      <source>Save the plan</source>
      <translation>Enregistrer le plan</translation>
    </message>
    <message>
      <source>Double-click a cell to edit it; dates as 30/06/2027.</source>
      <translation>Double-cliquez sur une cellule pour la modifier ; dates sous la forme 30/06/2027.</translation>
    </message>
    <message>
      <source>{count} action(s) added from the answers below target.</source>
      <translation>{count} action(s) ajoutée(s) depuis les réponses sous la cible.</translation>
    </message>
    <message>
      <source>New action</source>
      <translation>Nouvelle action</translation>
    </message>
    <message>
      <source>Plan saved.</source>
      <translation>Plan enregistré.</translation>
    </message>
  </context>
  <context>
    <name>Printing</name>
    <message>
      <source>Preparing the pages to print…</source>
      <translation>Préparation des pages à imprimer…</translation>
    </message>
    <message>
      <source>No PDF viewer could be opened on this computer.
The file is here:
{path}</source>
      <translation>Aucune visionneuse PDF n’a pu être ouverte sur cet ordinateur.
Le fichier est ici :
{path}</translation>
    </message>
    <message>
      <source>Writing the document…</source>
      <translation>Écriture du document…</translation>
    </message>
    <message>
      <source>Yearly figures</source>
      <translation>Chiffres de l’année</translation>
    </message>
    <message>
      <source>Year:</source>
      <translation>Année :</translation>
    </message>
  </context>
  <context>
    <name>ReferentialsView</name>
    <message>
      <source>Version</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>Adopted on</source>
      <translation>Adoptée le</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Titre</translation>
    </message>
    <message>
      <source>Load from an Excel sheet…</source>
      <translation>Charger depuis un tableau Excel…</translation>
    </message>
    <message>
      <source>Versions</source>
      <translation>Versions</translation>
    </message>
    <message>
      <source>Requirement</source>
      <translation>Exigence</translation>
    </message>
    <message>
      <source>The requirement's text, from the sheet</source>
      <translation>Le texte de l'exigence, tiré du tableau</translation>
    </message>
    <message>
      <source>Code</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>English title</source>
      <translation>Titre anglais</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>Texte</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Constats</translation>
    </message>
    <message>
      <source>Save the requirement</source>
      <translation>Enregistrer l'exigence</translation>
    </message>
    <message>
      <source>Undo my changes</source>
      <translation>Annuler mes modifications</translation>
    </message>
    <message>
      <source>The structure of {version} shown here is not the federation's official text: it is the program's catalogue (chapters and codes, no requirement text). Load the federation's sheet to replace it.</source>
      <translation>La structure de {version} affichée ici n'est pas le texte officiel de la fédération : c'est le catalogue du programme (chapitres et codes, sans le texte des exigences). Chargez le tableau de la fédération pour la remplacer.</translation>
    </message>
    <message>
      <source>{version}: {added} requirement(s) added, {updated} updated.</source>
      <translation>{version} : {added} exigence(s) ajoutée(s), {updated} mise(s) à jour.</translation>
    </message>
    <message>
      <source>Requirement {code} saved.</source>
      <translation>Exigence {code} enregistrée.</translation>
    </message>
  </context>
  <context>
    <name>RegisterActions</name>
    <message>
      <source>cedre-desk registers (*.sqlite *.cedre);;All files (*)</source>
      <translation>Registres cedre-desk (*.sqlite *.cedre);;Tous les fichiers (*)</translation>
    </message>
    <message>
      <source>New register</source>
      <translation>Nouveau registre</translation>
    </message>
    <message>
      <source>{path} already exists: a new register never replaces a file. Use Open to work on it.</source>
      <translation>{path} existe déjà : un nouveau registre ne remplace jamais un fichier. Ouvrez-le avec Ouvrir.</translation>
    </message>
    <message>
      <source>Open a register</source>
      <translation>Ouvrir un registre</translation>
    </message>
    <message>
      <source>(none)</source>
      <translation>(aucun)</translation>
    </message>
    <message>
      <source>This register is on a server: copy it with the server's own tools.</source>
      <translation>Ce registre est sur un serveur : copiez-le avec les outils du serveur.</translation>
    </message>
    <message>
      <source>Save a copy</source>
      <translation>Enregistrer une copie</translation>
    </message>
    <message>
      <source>Copying the register…</source>
      <translation>Copie du registre…</translation>
    </message>
    <message>
      <source>Copy saved: {path}</source>
      <translation>Copie enregistrée : {path}</translation>
    </message>
    <message>
      <source>This register is already open.</source>
      <translation>Ce registre est déjà ouvert.</translation>
    </message>
    <message>
      <source>Register open: {path}</source>
      <translation>Registre ouvert : {path}</translation>
    </message>
  </context>
  <context>
    <name>ReportActions</name>
    <message>
      <source>Save the audit report (PDF)…</source>
      <translation>Enregistrer le rapport d’audit (PDF)…</translation>
    </message>
    <message>
      <source>Print the audit report…</source>
      <translation>Imprimer le rapport d’audit…</translation>
    </message>
    <message>
      <source>Open the audit report in the PDF viewer</source>
      <translation>Ouvrir le rapport d’audit dans la visionneuse PDF</translation>
    </message>
  </context>
  <context>
    <name>ScoresModel</name>
    <message>
      <source>Theme / sub-theme</source>
      <translation>Thème / sous-thème</translation>
    </message>
    <message>
      <source>Score</source>
      <translation>Score</translation>
    </message>
    <message>
      <source>Previous</source>
      <translation>Précédente</translation>
    </message>
    <message>
      <source>Target</source>
      <translation>Cible</translation>
    </message>
  </context>
  <context>
    <name>SessionDialog</name>
    <message>
      <source>Committee session</source>
      <translation>Session de comité</translation>
    </message>
    <message>
      <source>New committee session</source>
      <translation>Nouvelle session de comité</translation>
    </message>
    <message>
      <source>Who sits on the committee</source>
      <translation>Qui siège au comité</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>Place</source>
      <translation>Lieu</translation>
    </message>
    <message>
      <source>Members</source>
      <translation>Membres</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Statut</translation>
    </message>
    <message>
      <source>Discard the changes made to this session?</source>
      <translation>Abandonner les modifications faites à cette session ?</translation>
    </message>
  </context>
  <context>
    <name>SheetLoader</name>
    <message>
      <source>Requirement sheet for {version}</source>
      <translation>Tableau des exigences de {version}</translation>
    </message>
    <message>
      <source>Excel workbooks (*.xlsx)</source>
      <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
      <source>Requirement sheet</source>
      <translation>Tableau des exigences</translation>
    </message>
    <message>
      <source>{file} brings nothing new to {version}.</source>
      <translation>{file} n'apporte rien de nouveau à {version}.</translation>
    </message>
    <message>
      <source>{file}: {added} requirement(s) will be added to {version} and {updated} updated (none is removed). Load them?</source>
      <translation>{file} : {added} exigence(s) seront ajoutées à {version} et {updated} mises à jour (aucune n'est supprimée). Les charger ?</translation>
    </message>
  </context>
  <context>
    <name>SheetProblemsDialog</name>
    <message>
      <source>Problems in the sheet</source>
      <translation>Problèmes dans le tableau</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>Ligne</translation>
    </message>
    <message>
      <source>Problem</source>
      <translation>Problème</translation>
    </message>
    <message>
      <source>{count} row(s) of {file} cannot be loaded. Nothing was loaded: correct these rows in the sheet, then load it again.</source>
      <translation>{count} ligne(s) de {file} ne peuvent pas être chargées. Rien n'a été chargé : corrigez ces lignes dans le tableau, puis chargez-le de nouveau.</translation>
    </message>
  </context>
  <context>
    <name>UnavailableView</name>
    <message>
      <source>{view}: not available in this version.</source>
      <translation>{view} : non disponible dans cette version.</translation>
    </message>
  </context>
  <context>
    <name>WindowMenus</name>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Fichier</translation>
    </message>
    <message>
      <source>&amp;New register…</source>
      <translation>&amp;Nouveau registre…</translation>
    </message>
    <message>
      <source>&amp;Demonstration register…</source>
      <translation>Registre de &amp;démonstration…</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
      <source>&amp;Recent registers</source>
      <translation>Registres &amp;récents</translation>
    </message>
    <message>
      <source>&amp;Save a copy…</source>
      <translation>&amp;Enregistrer une copie…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Quitter</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Édition</translation>
    </message>
    <message>
      <source>&amp;New company…</source>
      <translation>&amp;Nouvelle structure…</translation>
    </message>
    <message>
      <source>&amp;Edit the company…</source>
      <translation>&amp;Modifier la structure…</translation>
    </message>
    <message>
      <source>&amp;Delete the company</source>
      <translation>&amp;Supprimer la structure</translation>
    </message>
    <message>
      <source>&amp;Find a company</source>
      <translation>Rec&amp;hercher une structure</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Affichage</translation>
    </message>
    <message>
      <source>&amp;Dashboard</source>
      <translation>&amp;Tableau de bord</translation>
    </message>
    <message>
      <source>&amp;Companies</source>
      <translation>&amp;Structures</translation>
    </message>
    <message>
      <source>&amp;Audits</source>
      <translation>&amp;Audits</translation>
    </message>
    <message>
      <source>Co&amp;mmittees</source>
      <translation>&amp;Comités</translation>
    </message>
    <message>
      <source>&amp;Referentials</source>
      <translation>&amp;Référentiels</translation>
    </message>
    <message>
      <source>Re&amp;fresh</source>
      <translation>Actualis&amp;er</translation>
    </message>
    <message>
      <source>Clos&amp;e the company file</source>
      <translation>&amp;Fermer la fiche</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>&amp;Langue</translation>
    </message>
    <message>
      <source>&amp;Tools</source>
      <translation>&amp;Outils</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>Aid&amp;e</translation>
    </message>
    <message>
      <source>&amp;User guide</source>
      <translation>&amp;Guide d’utilisation</translation>
    </message>
    <message>
      <source>&amp;About cedre-desk</source>
      <translation>À &amp;propos de cedre-desk</translation>
    </message>
    <message>
      <source>&amp;Undo {what}</source>
      <translation>&amp;Annuler : {what}</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Annuler</translation>
    </message>
    <message>
      <source>&amp;Redo {what}</source>
      <translation>&amp;Rétablir : {what}</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Rétablir</translation>
    </message>
    <message>
      <source>Le Ca&amp;p</source>
      <translation>Le Ca&amp;p</translation>
    </message>
    <message>
      <source>Open the &amp;log folder</source>
      <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
      <source>&amp;Close the company file</source>
      <translation>&amp;Fermer la fiche</translation>
    </message>
    <message>
      <source>&amp;Preferences…</source>
      <translation>&amp;Préférences…</translation>
    </message>
    <message>
      <source>Due da&amp;tes</source>
      <translation>Éc&amp;héances</translation>
    </message>
    <message>
      <source>Open a s&amp;hared register…</source>
      <translation>Ouvrir un re&amp;gistre partagé…</translation>
    </message>
  </context>
  <context>
    <name>DeadlinesView</name>
    <message>
      <source>&amp;Print…</source>
      <translation>&amp;Imprimer…</translation>
    </message>
    <message>
      <source>Export as .&amp;xlsx…</source>
      <translation>Exporter en .&amp;xlsx…</translation>
    </message>
    <message>
      <source>Export as .p&amp;df…</source>
      <translation>Exporter en .&amp;pdf…</translation>
    </message>
    <message>
      <source>Export as .i&amp;cs…</source>
      <translation>Exporter en .i&amp;cs…</translation>
    </message>
    <message>
      <source>The print preview of the PDF of this list</source>
      <translation>L'aperçu avant impression du PDF de cette liste</translation>
    </message>
    <message>
      <source>Due dates on {day}</source>
      <translation>Échéances au {day}</translation>
    </message>
    <message>
      <source>Late ({count})</source>
      <translation>En retard ({count})</translation>
    </message>
    <message>
      <source>Due from {start} to {end} ({count})</source>
      <translation>À échéance du {start} au {end} ({count})</translation>
    </message>
    <message>
      <source>Reading the register…</source>
      <translation>Lecture du registre…</translation>
    </message>
    <message>
      <source>{count} deadlines to meet, {late} of them late</source>
      <translation>{count} échéances à tenir, dont {late} en retard</translation>
    </message>
    <message>
      <source>{count} deadline to meet, {late} of them late</source>
      <translation>{count} échéance à tenir, dont {late} en retard</translation>
    </message>
    <message>
      <source>* the date rests on a committee session not entered yet</source>
      <translation>* date fondée sur une session de comité pas encore saisie</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>Échéance</translation>
    </message>
    <message>
      <source>Delay</source>
      <translation>Délai</translation>
    </message>
    <message>
      <source>Company</source>
      <translation>Structure</translation>
    </message>
    <message>
      <source>Town</source>
      <translation>Ville</translation>
    </message>
    <message>
      <source>Event</source>
      <translation>Événement</translation>
    </message>
    <message>
      <source>State</source>
      <translation>État</translation>
    </message>
    <message>
      <source>Scheme</source>
      <translation>Schéma</translation>
    </message>
  </context>
  <context>
    <name>PeriodChooser</name>
    <message>
      <source>This month</source>
      <translation>Ce mois-ci</translation>
    </message>
    <message>
      <source>This quarter</source>
      <translation>Ce trimestre</translation>
    </message>
    <message>
      <source>The next 12 months</source>
      <translation>12 prochains mois</translation>
    </message>
    <message>
      <source>Custom period</source>
      <translation>Période personnalisée</translation>
    </message>
    <message>
      <source>&amp;Period:</source>
      <translation>Pé&amp;riode :</translation>
    </message>
    <message>
      <source>&amp;from</source>
      <translation>&amp;du</translation>
    </message>
    <message>
      <source>&amp;to</source>
      <translation>a&amp;u</translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <source>Preferences</source>
      <translation>Préférences</translation>
    </message>
    <message>
      <source> days</source>
      <translation> jours</translation>
    </message>
    <message>
      <source>The dashboard lists what is late, then what falls due within this many days. For any other period: the Due dates page.</source>
      <translation>Le tableau de bord liste ce qui est en retard, puis ce qui arrive à échéance dans ce nombre de jours. Pour toute autre période : la page Échéances.</translation>
    </message>
    <message>
      <source>Dashboard &amp;horizon:</source>
      <translation>&amp;Horizon du tableau de bord :</translation>
    </message>
  </context>
  <context>
    <name>MembershipsDialog</name>
    <message>
      <source>Groups of {company}</source>
      <translation>Groupes de {company}</translation>
    </message>
    <message>
      <source>Group</source>
      <translation>Groupe</translation>
    </message>
    <message>
      <source>Joined on</source>
      <translation>Entré(e) le</translation>
    </message>
    <message>
      <source>Left on</source>
      <translation>Sorti(e) le</translation>
    </message>
    <message>
      <source>(join a group)</source>
      <translation>(entrer dans un groupe)</translation>
    </message>
    <message>
      <source>Empty: member since always, or member still. A member shares the group's decisions and audits only between these days.</source>
      <translation>Vide : membre depuis toujours, ou membre encore. Un membre partage les décisions et les audits du groupe seulement entre ces jours.</translation>
    </message>
  </context>
  <context>
    <name>ServiceCommand</name>
    <message>
      <source>Cannot undo: {what}</source>
      <translation>Impossible d'annuler : {what}</translation>
    </message>
    <message>
      <source>Cannot redo: {what}</source>
      <translation>Impossible de rétablir : {what}</translation>
    </message>
  </context>
  <context>
    <name>ServerDialog</name>
    <message>
      <source>Open a shared register</source>
      <translation>Ouvrir un registre partagé</translation>
    </message>
    <message>
      <source>server name, or a socket folder</source>
      <translation>nom du serveur, ou dossier d’un socket</translation>
    </message>
    <message>
      <source>empty: the one kept, or none</source>
      <translation>vide : celui gardé, ou aucun</translation>
    </message>
    <message>
      <source>Remember the password in the system's keyring</source>
      <translation>Garder le mot de passe dans le trousseau du système</translation>
    </message>
    <message>
      <source>No system keyring here: the password is never saved and will be asked at each opening.</source>
      <translation>Pas de trousseau système ici : le mot de passe n’est jamais enregistré et sera demandé à chaque ouverture.</translation>
    </message>
    <message>
      <source>Server</source>
      <translation>Serveur</translation>
    </message>
    <message>
      <source>Port</source>
      <translation>Port</translation>
    </message>
    <message>
      <source>Database</source>
      <translation>Base de données</translation>
    </message>
    <message>
      <source>User</source>
      <translation>Utilisateur</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Mot de passe</translation>
    </message>
  </context>
  <context>
    <name>SharedRegisters</name>
    <message>
      <source>No system keyring: the password of a shared register will be asked at each opening.</source>
      <translation>Pas de trousseau système : le mot de passe d’un registre partagé sera demandé à chaque ouverture.</translation>
    </message>
    <message>
      <source>This register is already open.</source>
      <translation>Ce registre est déjà ouvert.</translation>
    </message>
    <message>
      <source>Register open: {path}</source>
      <translation>Registre ouvert : {path}</translation>
    </message>
  </context>
  <context>
    <name>StaleEditPanel</name>
    <message>
      <source>Field</source>
      <translation>Champ</translation>
    </message>
    <message>
      <source>In the register now</source>
      <translation>Dans le registre maintenant</translation>
    </message>
    <message>
      <source>Your input</source>
      <translation>Votre saisie</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>Recharger</translation>
    </message>
    <message>
      <source>Put the register's values in the form; your input stays listed here to apply again</source>
      <translation>Mettre les valeurs du registre dans la fiche ; votre saisie reste listée ici pour la reporter</translation>
    </message>
    <message>
      <source>Keep my input</source>
      <translation>Garder ma saisie</translation>
    </message>
    <message>
      <source>Close this notice; nothing is saved until you reload</source>
      <translation>Fermer cet avis ; rien n’est enregistré tant que vous n’avez pas rechargé</translation>
    </message>
    <message>
      <source>None of the fields shown here changed: reload, then save again.</source>
      <translation>Aucun des champs montrés ici n’a changé : rechargez, puis enregistrez à nouveau.</translation>
    </message>
    <message>
      <source>Reloaded: the form now shows the register's values. Your input is listed below: apply it again where it still holds, then save.</source>
      <translation>Rechargé : la fiche montre maintenant les valeurs du registre. Votre saisie est listée ci-dessous : reportez-la là où elle vaut encore, puis enregistrez.</translation>
    </message>
  </context>
  <context>
    <name>DiscardChanges</name>
    <message>
      <source>Keep editing</source>
      <translation>Continuer la saisie</translation>
    </message>
    <message>
      <source>Discard the changes</source>
      <translation>Abandonner les modifications</translation>
    </message>
  </context>
  <context>
    <name>ReferentialVersions</name>
    <message>
      <source>None (CEDRE only)</source>
      <translation>Aucune (CEDRE seul)</translation>
    </message>
  </context>
</TS>