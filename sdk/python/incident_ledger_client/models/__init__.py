"""Contains all the data models used in inputs/outputs"""

from .action_enum import ActionEnum
from .actor import Actor
from .actor_brief import ActorBrief
from .actor_detail import ActorDetail
from .actor_kind_enum import ActorKindEnum
from .actor_write_request import ActorWriteRequest
from .actors_list_kind import ActorsListKind
from .attribution_grade_enum import AttributionGradeEnum
from .blank_enum import BlankEnum
from .casualty_category_enum import CasualtyCategoryEnum
from .casualty_report import CasualtyReport
from .casualty_report_in_incident import CasualtyReportInIncident
from .casualty_report_write_request import CasualtyReportWriteRequest
from .casualty_reports_list_category import CasualtyReportsListCategory
from .casualty_reports_list_population import CasualtyReportsListPopulation
from .change import Change
from .civilian_harm_grade_enum import CivilianHarmGradeEnum
from .client_error import ClientError
from .dataset_enum import DatasetEnum
from .dataset_record import DatasetRecord
from .date_precision_enum import DatePrecisionEnum
from .error import Error
from .fact_enum import FactEnum
from .geo_precision_enum import GeoPrecisionEnum
from .grade_request import GradeRequest
from .held_incident_write import HeldIncidentWrite
from .held_incident_write_after_type_0 import HeldIncidentWriteAfterType0
from .held_incident_write_before_type_0 import HeldIncidentWriteBeforeType0
from .held_incident_write_changes import HeldIncidentWriteChanges
from .history_event import HistoryEvent
from .history_event_after_type_0 import HistoryEventAfterType0
from .history_event_before_type_0 import HistoryEventBeforeType0
from .history_event_changes import HistoryEventChanges
from .incident import Incident
from .incident_brief import IncidentBrief
from .incident_detail import IncidentDetail
from .incident_fact import IncidentFact
from .incident_fact_detail import IncidentFactDetail
from .incident_fact_write_request import IncidentFactWriteRequest
from .incident_facts_list_fact import IncidentFactsListFact
from .incident_status_enum import IncidentStatusEnum
from .incident_sub_type_enum import IncidentSubTypeEnum
from .incident_type_enum import IncidentTypeEnum
from .incident_write_request import IncidentWriteRequest
from .incident_written import IncidentWritten
from .incidents_list_attribution import IncidentsListAttribution
from .incidents_list_format import IncidentsListFormat
from .incidents_list_grade import IncidentsListGrade
from .incidents_list_ordering_item import IncidentsListOrderingItem
from .incidents_list_role import IncidentsListRole
from .incidents_list_status import IncidentsListStatus
from .incidents_list_sub_type import IncidentsListSubType
from .incidents_list_type import IncidentsListType
from .incidents_retrieve_format import IncidentsRetrieveFormat
from .involved_actor import InvolvedActor
from .involvement import Involvement
from .involvement_detail import InvolvementDetail
from .involvement_write_request import InvolvementWriteRequest
from .involvements_list_role import InvolvementsListRole
from .merge_request import MergeRequest
from .operation_enum import OperationEnum
from .paginated_actor_list import PaginatedActorList
from .paginated_casualty_report_list import PaginatedCasualtyReportList
from .paginated_change_list import PaginatedChangeList
from .paginated_incident_fact_detail_list import PaginatedIncidentFactDetailList
from .paginated_incident_list import PaginatedIncidentList
from .paginated_involvement_detail_list import PaginatedInvolvementDetailList
from .paginated_quote_list import PaginatedQuoteList
from .paginated_revision_list import PaginatedRevisionList
from .paginated_source_list import PaginatedSourceList
from .paginated_statement_list import PaginatedStatementList
from .patched_actor_write_request import PatchedActorWriteRequest
from .patched_casualty_report_write_request import PatchedCasualtyReportWriteRequest
from .patched_incident_fact_write_request import PatchedIncidentFactWriteRequest
from .patched_incident_write_request import PatchedIncidentWriteRequest
from .patched_involvement_write_request import PatchedInvolvementWriteRequest
from .patched_quote_write_request import PatchedQuoteWriteRequest
from .patched_source_write_request import PatchedSourceWriteRequest
from .patched_statement_write_request import PatchedStatementWriteRequest
from .population_enum import PopulationEnum
from .possible_duplicate import PossibleDuplicate
from .quote import Quote
from .quote_brief import QuoteBrief
from .quote_in_source import QuoteInSource
from .quote_write_request import QuoteWriteRequest
from .quotes_list_ordering_item import QuotesListOrderingItem
from .resource_enum import ResourceEnum
from .revision import Revision
from .revision_after_type_0 import RevisionAfterType0
from .revision_before_type_0 import RevisionBeforeType0
from .revision_changes import RevisionChanges
from .revision_decision_request import RevisionDecisionRequest
from .revision_status_enum import RevisionStatusEnum
from .revisions_list_resource import RevisionsListResource
from .revisions_list_status import RevisionsListStatus
from .role_enum import RoleEnum
from .server_error import ServerError
from .source import Source
from .source_brief import SourceBrief
from .source_detail import SourceDetail
from .source_kind_enum import SourceKindEnum
from .source_write_request import SourceWriteRequest
from .sources_list_kind import SourcesListKind
from .sources_list_ordering_item import SourcesListOrderingItem
from .statement import Statement
from .statement_in_incident import StatementInIncident
from .statement_kind_enum import StatementKindEnum
from .statement_write_request import StatementWriteRequest
from .statements_list_kind import StatementsListKind
from .statements_list_ordering_item import StatementsListOrderingItem
from .suggested_grade import SuggestedGrade
from .validation_error import ValidationError
from .workflow_request import WorkflowRequest

__all__ = (
    "ActionEnum",
    "Actor",
    "ActorBrief",
    "ActorDetail",
    "ActorKindEnum",
    "ActorsListKind",
    "ActorWriteRequest",
    "AttributionGradeEnum",
    "BlankEnum",
    "CasualtyCategoryEnum",
    "CasualtyReport",
    "CasualtyReportInIncident",
    "CasualtyReportsListCategory",
    "CasualtyReportsListPopulation",
    "CasualtyReportWriteRequest",
    "Change",
    "CivilianHarmGradeEnum",
    "ClientError",
    "DatasetEnum",
    "DatasetRecord",
    "DatePrecisionEnum",
    "Error",
    "FactEnum",
    "GeoPrecisionEnum",
    "GradeRequest",
    "HeldIncidentWrite",
    "HeldIncidentWriteAfterType0",
    "HeldIncidentWriteBeforeType0",
    "HeldIncidentWriteChanges",
    "HistoryEvent",
    "HistoryEventAfterType0",
    "HistoryEventBeforeType0",
    "HistoryEventChanges",
    "Incident",
    "IncidentBrief",
    "IncidentDetail",
    "IncidentFact",
    "IncidentFactDetail",
    "IncidentFactsListFact",
    "IncidentFactWriteRequest",
    "IncidentsListAttribution",
    "IncidentsListFormat",
    "IncidentsListGrade",
    "IncidentsListOrderingItem",
    "IncidentsListRole",
    "IncidentsListStatus",
    "IncidentsListSubType",
    "IncidentsListType",
    "IncidentsRetrieveFormat",
    "IncidentStatusEnum",
    "IncidentSubTypeEnum",
    "IncidentTypeEnum",
    "IncidentWriteRequest",
    "IncidentWritten",
    "InvolvedActor",
    "Involvement",
    "InvolvementDetail",
    "InvolvementsListRole",
    "InvolvementWriteRequest",
    "MergeRequest",
    "OperationEnum",
    "PaginatedActorList",
    "PaginatedCasualtyReportList",
    "PaginatedChangeList",
    "PaginatedIncidentFactDetailList",
    "PaginatedIncidentList",
    "PaginatedInvolvementDetailList",
    "PaginatedQuoteList",
    "PaginatedRevisionList",
    "PaginatedSourceList",
    "PaginatedStatementList",
    "PatchedActorWriteRequest",
    "PatchedCasualtyReportWriteRequest",
    "PatchedIncidentFactWriteRequest",
    "PatchedIncidentWriteRequest",
    "PatchedInvolvementWriteRequest",
    "PatchedQuoteWriteRequest",
    "PatchedSourceWriteRequest",
    "PatchedStatementWriteRequest",
    "PopulationEnum",
    "PossibleDuplicate",
    "Quote",
    "QuoteBrief",
    "QuoteInSource",
    "QuotesListOrderingItem",
    "QuoteWriteRequest",
    "ResourceEnum",
    "Revision",
    "RevisionAfterType0",
    "RevisionBeforeType0",
    "RevisionChanges",
    "RevisionDecisionRequest",
    "RevisionsListResource",
    "RevisionsListStatus",
    "RevisionStatusEnum",
    "RoleEnum",
    "ServerError",
    "Source",
    "SourceBrief",
    "SourceDetail",
    "SourceKindEnum",
    "SourcesListKind",
    "SourcesListOrderingItem",
    "SourceWriteRequest",
    "Statement",
    "StatementInIncident",
    "StatementKindEnum",
    "StatementsListKind",
    "StatementsListOrderingItem",
    "StatementWriteRequest",
    "SuggestedGrade",
    "ValidationError",
    "WorkflowRequest",
)
