"""Contains all the data models used in inputs/outputs"""

from .algorithm import Algorithm
from .algorithm_image import AlgorithmImage
from .algorithm_interface import AlgorithmInterface
from .algorithms_endpoints_list_status import AlgorithmsEndpointsListStatus
from .answer import Answer
from .answer_request import AnswerRequest
from .api_schema_retrieve_format import ApiSchemaRetrieveFormat
from .api_schema_retrieve_lang import ApiSchemaRetrieveLang
from .api_schema_retrieve_response_200 import ApiSchemaRetrieveResponse200
from .archive import Archive
from .archive_item import ArchiveItem
from .archive_item_post import ArchiveItemPost
from .archive_item_post_request import ArchiveItemPostRequest
from .archives_list_format import ArchivesListFormat
from .archives_patients_retrieve_format import ArchivesPatientsRetrieveFormat
from .archives_retrieve_format import ArchivesRetrieveFormat
from .archives_studies_retrieve_format import ArchivesStudiesRetrieveFormat
from .blank_enum import BlankEnum
from .cases_images_dicom_frames_retrieve_format import (
    CasesImagesDicomFramesRetrieveFormat,
)
from .cases_images_dicom_instances_retrieve_format import (
    CasesImagesDicomInstancesRetrieveFormat,
)
from .cases_images_list_format import CasesImagesListFormat
from .cases_images_list_patient_sex import CasesImagesListPatientSex
from .cases_images_retrieve_format import CasesImagesRetrieveFormat
from .categorical_option import CategoricalOption
from .challenge import Challenge
from .challenge_request import ChallengeRequest
from .color_interpolation_enum import ColorInterpolationEnum
from .color_space_enum import ColorSpaceEnum
from .component_interface import ComponentInterface
from .component_interface_value import ComponentInterfaceValue
from .component_interface_value_post import ComponentInterfaceValuePost
from .component_interface_value_post_request import ComponentInterfaceValuePostRequest
from .dicom_frames import DicomFrames
from .dicom_image_frame import DicomImageFrame
from .dicom_image_set import DICOMImageSet
from .dicom_instance import DicomInstance
from .dicom_instances import DicomInstances
from .display_set import DisplaySet
from .display_set_descriptions_map_safe import DisplaySetDescriptionsMapSafe
from .display_set_post import DisplaySetPost
from .display_set_post_descriptions_map_safe import DisplaySetPostDescriptionsMapSafe
from .display_set_post_request import DisplaySetPostRequest
from .endpoint import Endpoint
from .endpoint_keep_alive import EndpointKeepAlive
from .endpoint_post import EndpointPost
from .endpoint_post_request import EndpointPostRequest
from .evaluation import Evaluation
from .evaluations_claim_partial_update_format import EvaluationsClaimPartialUpdateFormat
from .evaluations_claimable_evaluations_retrieve_format import (
    EvaluationsClaimableEvaluationsRetrieveFormat,
)
from .evaluations_list_format import EvaluationsListFormat
from .evaluations_retrieve_format import EvaluationsRetrieveFormat
from .evaluations_update_external_evaluation_partial_update_format import (
    EvaluationsUpdateExternalEvaluationPartialUpdateFormat,
)
from .external_evaluation import ExternalEvaluation
from .external_evaluation_algorithm_image import ExternalEvaluationAlgorithmImage
from .external_evaluation_algorithm_model_type_0 import (
    ExternalEvaluationAlgorithmModelType0,
)
from .external_evaluation_update import ExternalEvaluationUpdate
from .eye_choice_enum import EyeChoiceEnum
from .feedback import Feedback
from .feedback_request import FeedbackRequest
from .field_of_view_enum import FieldOfViewEnum
from .follow import Follow
from .follow_request import FollowRequest
from .gcapi_version import GCAPIVersion
from .ground_truth_answer import GroundTruthAnswer
from .ground_truth_answer_options import GroundTruthAnswerOptions
from .hanging_protocol import HangingProtocol
from .hanging_protocol_request import HangingProtocolRequest
from .hyperlinked_component_interface_value import HyperlinkedComponentInterfaceValue
from .hyperlinked_image import HyperlinkedImage
from .hyperlinked_job import HyperlinkedJob
from .image_file import ImageFile
from .image_type_enum import ImageTypeEnum
from .imaging_modality import ImagingModality
from .invocation import Invocation
from .invocation_post import InvocationPost
from .invocation_post_request import InvocationPostRequest
from .job_post import JobPost
from .job_post_request import JobPostRequest
from .location_enum import LocationEnum
from .look_up_table import LookUpTable
from .notification import Notification
from .notification_request import NotificationRequest
from .paginated_algorithm_image_list import PaginatedAlgorithmImageList
from .paginated_algorithm_list import PaginatedAlgorithmList
from .paginated_answer_list import PaginatedAnswerList
from .paginated_archive_item_list import PaginatedArchiveItemList
from .paginated_archive_list import PaginatedArchiveList
from .paginated_component_interface_list import PaginatedComponentInterfaceList
from .paginated_display_set_list import PaginatedDisplaySetList
from .paginated_endpoint_list import PaginatedEndpointList
from .paginated_evaluation_list import PaginatedEvaluationList
from .paginated_feedback_list import PaginatedFeedbackList
from .paginated_follow_list import PaginatedFollowList
from .paginated_hyperlinked_image_list import PaginatedHyperlinkedImageList
from .paginated_hyperlinked_job_list import PaginatedHyperlinkedJobList
from .paginated_invocation_list import PaginatedInvocationList
from .paginated_notification_list import PaginatedNotificationList
from .paginated_public_challenge_list import PaginatedPublicChallengeList
from .paginated_question_list import PaginatedQuestionList
from .paginated_raw_image_upload_session_list import PaginatedRawImageUploadSessionList
from .paginated_reader_study_list import PaginatedReaderStudyList
from .paginated_session_list import PaginatedSessionList
from .paginated_user_upload_list import PaginatedUserUploadList
from .paginated_workstation_config_list import PaginatedWorkstationConfigList
from .paginated_workstation_list import PaginatedWorkstationList
from .part import Part
from .part_request import PartRequest
from .patched_answer_request import PatchedAnswerRequest
from .patched_archive_item_post_request import PatchedArchiveItemPostRequest
from .patched_display_set_post_request import PatchedDisplaySetPostRequest
from .patched_external_evaluation_request import PatchedExternalEvaluationRequest
from .patched_external_evaluation_update_request import (
    PatchedExternalEvaluationUpdateRequest,
)
from .patched_follow_request import PatchedFollowRequest
from .patched_notification_request import PatchedNotificationRequest
from .patched_user_upload_complete_request import PatchedUserUploadCompleteRequest
from .patched_user_upload_presigned_ur_ls_request import (
    PatchedUserUploadPresignedURLsRequest,
)
from .patient_sex_enum import PatientSexEnum
from .phase import Phase
from .phase_request import PhaseRequest
from .public_challenge import PublicChallenge
from .question import Question
from .raw_image_upload_session import RawImageUploadSession
from .raw_image_upload_session_request import RawImageUploadSessionRequest
from .reader_studies_answers_create_format import ReaderStudiesAnswersCreateFormat
from .reader_studies_answers_list_format import ReaderStudiesAnswersListFormat
from .reader_studies_answers_mine_retrieve_format import (
    ReaderStudiesAnswersMineRetrieveFormat,
)
from .reader_studies_answers_partial_update_format import (
    ReaderStudiesAnswersPartialUpdateFormat,
)
from .reader_studies_answers_retrieve_format import ReaderStudiesAnswersRetrieveFormat
from .reader_studies_answers_update_format import ReaderStudiesAnswersUpdateFormat
from .reader_studies_display_sets_create_format import (
    ReaderStudiesDisplaySetsCreateFormat,
)
from .reader_studies_display_sets_list_format import ReaderStudiesDisplaySetsListFormat
from .reader_studies_display_sets_partial_update_format import (
    ReaderStudiesDisplaySetsPartialUpdateFormat,
)
from .reader_studies_display_sets_retrieve_format import (
    ReaderStudiesDisplaySetsRetrieveFormat,
)
from .reader_studies_display_sets_update_format import (
    ReaderStudiesDisplaySetsUpdateFormat,
)
from .reader_studies_ground_truth_retrieve_format import (
    ReaderStudiesGroundTruthRetrieveFormat,
)
from .reader_studies_ground_truth_retrieve_response_200 import (
    ReaderStudiesGroundTruthRetrieveResponse200,
)
from .reader_studies_list_format import ReaderStudiesListFormat
from .reader_studies_questions_list_format import ReaderStudiesQuestionsListFormat
from .reader_studies_questions_retrieve_format import (
    ReaderStudiesQuestionsRetrieveFormat,
)
from .reader_studies_retrieve_format import ReaderStudiesRetrieveFormat
from .reader_study import ReaderStudy
from .reader_study_algorithm import ReaderStudyAlgorithm
from .reader_study_algorithm_implementation import ReaderStudyAlgorithmImplementation
from .session import Session
from .signed_request import SignedRequest
from .signed_request_headers import SignedRequestHeaders
from .simple_image import SimpleImage
from .status_enum import StatusEnum
from .stereoscopic_choice_enum import StereoscopicChoiceEnum
from .submission import Submission
from .submission_request import SubmissionRequest
from .timezone_enum import TimezoneEnum
from .timezone_request import TimezoneRequest
from .user import User
from .user_profile import UserProfile
from .user_request import UserRequest
from .user_timezone import UserTimezone
from .user_upload import UserUpload
from .user_upload_complete import UserUploadComplete
from .user_upload_create import UserUploadCreate
from .user_upload_create_request import UserUploadCreateRequest
from .user_upload_parts import UserUploadParts
from .user_upload_presigned_ur_ls import UserUploadPresignedURLs
from .user_upload_presigned_ur_ls_presigned_urls import (
    UserUploadPresignedURLsPresignedUrls,
)
from .window_preset import WindowPreset
from .workstation import Workstation
from .workstation_config import WorkstationConfig

__all__ = (
    "Algorithm",
    "AlgorithmImage",
    "AlgorithmInterface",
    "AlgorithmsEndpointsListStatus",
    "Answer",
    "AnswerRequest",
    "ApiSchemaRetrieveFormat",
    "ApiSchemaRetrieveLang",
    "ApiSchemaRetrieveResponse200",
    "Archive",
    "ArchiveItem",
    "ArchiveItemPost",
    "ArchiveItemPostRequest",
    "ArchivesListFormat",
    "ArchivesPatientsRetrieveFormat",
    "ArchivesRetrieveFormat",
    "ArchivesStudiesRetrieveFormat",
    "BlankEnum",
    "CasesImagesDicomFramesRetrieveFormat",
    "CasesImagesDicomInstancesRetrieveFormat",
    "CasesImagesListFormat",
    "CasesImagesListPatientSex",
    "CasesImagesRetrieveFormat",
    "CategoricalOption",
    "Challenge",
    "ChallengeRequest",
    "ColorInterpolationEnum",
    "ColorSpaceEnum",
    "ComponentInterface",
    "ComponentInterfaceValue",
    "ComponentInterfaceValuePost",
    "ComponentInterfaceValuePostRequest",
    "DicomFrames",
    "DicomImageFrame",
    "DICOMImageSet",
    "DicomInstance",
    "DicomInstances",
    "DisplaySet",
    "DisplaySetDescriptionsMapSafe",
    "DisplaySetPost",
    "DisplaySetPostDescriptionsMapSafe",
    "DisplaySetPostRequest",
    "Endpoint",
    "EndpointKeepAlive",
    "EndpointPost",
    "EndpointPostRequest",
    "Evaluation",
    "EvaluationsClaimableEvaluationsRetrieveFormat",
    "EvaluationsClaimPartialUpdateFormat",
    "EvaluationsListFormat",
    "EvaluationsRetrieveFormat",
    "EvaluationsUpdateExternalEvaluationPartialUpdateFormat",
    "ExternalEvaluation",
    "ExternalEvaluationAlgorithmImage",
    "ExternalEvaluationAlgorithmModelType0",
    "ExternalEvaluationUpdate",
    "EyeChoiceEnum",
    "Feedback",
    "FeedbackRequest",
    "FieldOfViewEnum",
    "Follow",
    "FollowRequest",
    "GCAPIVersion",
    "GroundTruthAnswer",
    "GroundTruthAnswerOptions",
    "HangingProtocol",
    "HangingProtocolRequest",
    "HyperlinkedComponentInterfaceValue",
    "HyperlinkedImage",
    "HyperlinkedJob",
    "ImageFile",
    "ImageTypeEnum",
    "ImagingModality",
    "Invocation",
    "InvocationPost",
    "InvocationPostRequest",
    "JobPost",
    "JobPostRequest",
    "LocationEnum",
    "LookUpTable",
    "Notification",
    "NotificationRequest",
    "PaginatedAlgorithmImageList",
    "PaginatedAlgorithmList",
    "PaginatedAnswerList",
    "PaginatedArchiveItemList",
    "PaginatedArchiveList",
    "PaginatedComponentInterfaceList",
    "PaginatedDisplaySetList",
    "PaginatedEndpointList",
    "PaginatedEvaluationList",
    "PaginatedFeedbackList",
    "PaginatedFollowList",
    "PaginatedHyperlinkedImageList",
    "PaginatedHyperlinkedJobList",
    "PaginatedInvocationList",
    "PaginatedNotificationList",
    "PaginatedPublicChallengeList",
    "PaginatedQuestionList",
    "PaginatedRawImageUploadSessionList",
    "PaginatedReaderStudyList",
    "PaginatedSessionList",
    "PaginatedUserUploadList",
    "PaginatedWorkstationConfigList",
    "PaginatedWorkstationList",
    "Part",
    "PartRequest",
    "PatchedAnswerRequest",
    "PatchedArchiveItemPostRequest",
    "PatchedDisplaySetPostRequest",
    "PatchedExternalEvaluationRequest",
    "PatchedExternalEvaluationUpdateRequest",
    "PatchedFollowRequest",
    "PatchedNotificationRequest",
    "PatchedUserUploadCompleteRequest",
    "PatchedUserUploadPresignedURLsRequest",
    "PatientSexEnum",
    "Phase",
    "PhaseRequest",
    "PublicChallenge",
    "Question",
    "RawImageUploadSession",
    "RawImageUploadSessionRequest",
    "ReaderStudiesAnswersCreateFormat",
    "ReaderStudiesAnswersListFormat",
    "ReaderStudiesAnswersMineRetrieveFormat",
    "ReaderStudiesAnswersPartialUpdateFormat",
    "ReaderStudiesAnswersRetrieveFormat",
    "ReaderStudiesAnswersUpdateFormat",
    "ReaderStudiesDisplaySetsCreateFormat",
    "ReaderStudiesDisplaySetsListFormat",
    "ReaderStudiesDisplaySetsPartialUpdateFormat",
    "ReaderStudiesDisplaySetsRetrieveFormat",
    "ReaderStudiesDisplaySetsUpdateFormat",
    "ReaderStudiesGroundTruthRetrieveFormat",
    "ReaderStudiesGroundTruthRetrieveResponse200",
    "ReaderStudiesListFormat",
    "ReaderStudiesQuestionsListFormat",
    "ReaderStudiesQuestionsRetrieveFormat",
    "ReaderStudiesRetrieveFormat",
    "ReaderStudy",
    "ReaderStudyAlgorithm",
    "ReaderStudyAlgorithmImplementation",
    "Session",
    "SignedRequest",
    "SignedRequestHeaders",
    "SimpleImage",
    "StatusEnum",
    "StereoscopicChoiceEnum",
    "Submission",
    "SubmissionRequest",
    "TimezoneEnum",
    "TimezoneRequest",
    "User",
    "UserProfile",
    "UserRequest",
    "UserTimezone",
    "UserUpload",
    "UserUploadComplete",
    "UserUploadCreate",
    "UserUploadCreateRequest",
    "UserUploadParts",
    "UserUploadPresignedURLs",
    "UserUploadPresignedURLsPresignedUrls",
    "WindowPreset",
    "Workstation",
    "WorkstationConfig",
)
