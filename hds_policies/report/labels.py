"""Headings and labels of the HTML report and the transparency page, in French and English."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # shared
    "provider": {"fr": "fournisseur", "en": "provider"},
    "region": {"fr": "région", "en": "region"},
    "country": {"fr": "pays", "en": "country"},
    "eea": {"fr": "EEE", "en": "EEA"},
    "resources": {"fr": "ressources", "en": "resources"},
    "yes": {"fr": "oui", "en": "yes"},
    "no": {"fr": "non", "en": "no"},
    "unknown": {"fr": "indéterminé", "en": "unknown"},
    "source": {"fr": "source", "en": "source"},
    "not_recorded": {"fr": "non renseigné", "en": "not recorded"},
    "status_certified": {"fr": "certifié HDS", "en": "HDS-certified"},
    "status_not_certified": {"fr": "non certifié HDS", "en": "not HDS-certified"},
    "status_unverified": {"fr": "certification non vérifiée", "en": "certification not verified"},
    "status_not_applicable": {"fr": "sans objet", "en": "not applicable"},
    "status_not in registry": {"fr": "absent du registre", "en": "not in the registry"},
    # transparency page
    "tp_title": {"fr": "Hébergement de données de santé — projet de page de transparence",
                 "en": "Health data hosting — transparency page draft"},
    "tp_draft_note": {"fr": "Projet rédigé par hds-policies à partir du code d'infrastructure, à relire et compléter "
                            "(accès à distance, support, sites du client) avant publication ; situation au",
                      "en": "Drafted by hds-policies from the infrastructure code, to review and complete (remote "
                            "access, support, your own sites) before publishing; situation as of"},
    "tp_activities": {"fr": "Activités d'hébergement concernées", "en": "Hosting activities concerned"},
    "tp_traced": {"fr": "ressources :", "en": "resources:"},
    "tp_none_found": {"fr": "aucune ressource hébergeant des données n'a été trouvée",
                      "en": "no resource hosting data was found"},
    "tp_sites": {"fr": "Sites (fournisseurs, régions, pays)", "en": "Sites (providers, regions, countries)"},
    "tp_transfers": {"fr": "Transparence sur les transferts de données de santé à caractère personnel hors EEE",
                     "en": "Transparency on transfers of personal health data outside the EEA"},
    "tp_situation": {"fr": "Situation au", "en": "Situation as of"},
    "tp_no_transfer": {"fr": "Aucun transfert de données de santé à caractère personnel vers un pays tiers à "
                             "l'Espace économique européen n'est réalisé.",
                       "en": "No personal health data is transferred to a country outside the European Economic "
                             "Area (French wording: «aucun transfert de données de santé à caractère personnel vers "
                             "un pays tiers à l'Espace économique européen»)."},
    "tp_kind_placement": {"fr": "Stockage hors EEE", "en": "Stored outside the EEA"},
    "tp_kind_copy": {"fr": "Copie hors EEE", "en": "Copy outside the EEA"},
    "tp_kind_remote": {"fr": "Accès depuis hors EEE (sous-traitant)",
                       "en": "Access from outside the EEA (sub-processor)"},
    "tp_unknown_intro": {"fr": "Localisations indéterminées d'après le code : tant qu'elles ne sont pas établies, "
                               "l'absence de transfert ne peut pas être déclarée.",
                         "en": "Locations the code does not determine: until they are established, no statement "
                               "that there is no transfer can be made."},
    "tp_no_inventory": {"fr": "les localisations de toutes les ressources ne figurent pas dans des constats seuls "
                              "(lancer `hds-policies scan` sur le code)",
                        "en": "findings alone do not give every resource's location (run `hds-policies scan` on "
                              "the code)"},
    "tp_subprocessors": {"fr": "Sous-traitance", "en": "Sub-processors"},
    "tp_entity": {"fr": "entité", "en": "legal entity"},
    "tp_status": {"fr": "statut", "en": "status"},
    "tp_relied_on": {"fr": "activités confiées (d'après le code)", "en": "activities relied on (from the code)"},
    "tp_certified": {"fr": "activités couvertes par le certificat", "en": "activities the certificate covers"},
    "tp_certificate": {"fr": "certificat HDS", "en": "HDS certificate"},
    "tp_remote": {"fr": "accès depuis hors EEE ou droit d'un pays tiers (HDS_PRV_006, HDS_PRV_007)",
                  "en": "access from outside the EEA or third-country law (HDS_PRV_006, HDS_PRV_007)"},
    "tp_remote_none": {"fr": "aucun d'après le code (à confirmer par le contrat : accès de support, EXI 29-30)",
                       "en": "none in the code (confirm with the contract: support access, EXI 29-30)"},
    "tp_issuer": {"fr": "organisme", "en": "body"},
    "tp_valid": {"fr": "validité", "en": "valid"},
    "tp_validity_not_recorded": {"fr": "validité non renseignée", "en": "validity not recorded"},
    # html report
    "report_title": {"fr": "Revue HDS", "en": "HDS review"},
    "as_of": {"fr": "au", "en": "as of"},
    "summary": {"fr": "Synthèse", "en": "Summary"},
    "checked": {"fr": "ressources vérifiées", "en": "resources checked"},
    "failed": {"fr": "en échec", "en": "failed"},
    "waived": {"fr": "risques acceptés", "en": "waived"},
    "skipped": {"fr": "ignorés", "en": "skipped"},
    "new": {"fr": "nouveaux", "en": "new"},
    "by_activity": {"fr": "Constats par activité HDS", "en": "Findings per HDS activity"},
    "by_family": {"fr": "Constats par famille de règles", "en": "Findings per rule family"},
    "findings": {"fr": "Constats", "en": "Findings"},
    "filter": {"fr": "Filtrer", "en": "Filter"},
    "all": {"fr": "tous", "en": "all"},
    "activity": {"fr": "activité", "en": "activity"},
    "family": {"fr": "famille", "en": "family"},
    "severity": {"fr": "sévérité", "en": "severity"},
    "status": {"fr": "statut", "en": "status"},
    "rule": {"fr": "règle", "en": "rule"},
    "resource": {"fr": "ressource", "en": "resource"},
    "where": {"fr": "emplacement", "en": "where"},
    "message": {"fr": "constat", "en": "finding"},
    "basis": {"fr": "fondement", "en": "basis"},
    "remediation": {"fr": "correction", "en": "remediation"},
    "visible": {"fr": "constats affichés", "en": "findings shown"},
    "no_findings": {"fr": "Aucun constat.", "en": "No finding."},
    "locations": {"fr": "Localisation des données (EXI 28)", "en": "Where the data is stored (EXI 28)"},
    "subprocessors": {"fr": "Sous-traitants (EXI 30)", "en": "Sub-processors (EXI 30)"},
    "accepted": {"fr": "Risques acceptés (dérogations)", "en": "Accepted risks (waivers)"},
    "waiver": {"fr": "dérogation", "en": "waiver"},
    "justification": {"fr": "justification", "en": "justification"},
    "approver": {"fr": "approbateur", "en": "approver"},
    "expires": {"fr": "expire le", "en": "expires"},
    "expired": {"fr": "Dérogations expirées (les constats échouent de nouveau)",
                "en": "Expired waivers (their findings fail again)"},
    "stale": {"fr": "Dérogations sans objet (ne correspondent à aucun constat)",
              "en": "Stale waivers (match no finding)"},
    "no_waivers": {"fr": "Aucune dérogation.", "en": "No waiver."},
    "coverage": {"fr": "Couverture des exigences", "en": "Requirement coverage"},
    "requirement": {"fr": "exigence", "en": "requirement"},
    "checked_by": {"fr": "vérifiée par", "en": "checked by"},
    "verdict": {"fr": "verdict", "en": "verdict"},
    "by_hand": {"fr": "à démontrer à la main", "en": "shown by hand"},
    "manual evidence": {"fr": "preuve manuelle", "en": "manual evidence"},
    "transparency": {"fr": "Projet de page de transparence", "en": "Transparency page draft"},
    "certified_activities": {"fr": "activités certifiées", "en": "certified activities"},
    "relied_on": {"fr": "activités utilisées", "en": "activities relied on"},
    "valid_until": {"fr": "certificat valable jusqu'au", "en": "certificate valid until"},
    "legal_entity": {"fr": "entité juridique", "en": "legal entity"},
    "hds_status": {"fr": "statut HDS", "en": "HDS status"},
    "zone_eea": {"fr": "Dans l'EEE", "en": "In the EEA"},
    "zone_outside": {"fr": "Hors EEE", "en": "Outside the EEA"},
    "zone_unknown": {"fr": "Indéterminé", "en": "Unknown"},
    "map": {"fr": "Carte des localisations", "en": "Location map"},
    "baseline": {"fr": "référence", "en": "baseline"},
}


def label(key: str, lang: str) -> str:
    """The label in `lang` (English when missing in that language; the key itself when unknown)."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
